/** Moderator-facing messages for `/<command>-config`: the settings and their history. */

import { type Catalogue, en } from '../i18n/en.ts';
import type { SettingChange } from '../settings/interface.ts';
import { DEFAULT_SETTINGS, type GuildSettings, SETTING_NAMES, type SettingName } from '../settings/schema.ts';
import { ACCENT, notice } from './messages.ts';
import type { ReplyPayload } from './payload.ts';
import { safeReply } from './payload.ts';

/** A setting's value as a moderator reads it. */
export function describeValue(setting: SettingName, value: unknown, t: Catalogue = en): string {
  switch (setting) {
    case 'channels': {
      const channels = value as readonly string[];
      return channels.length === 0 ? t.valueEveryChannel : channels.map((id) => `<#${id}>`).join(', ');
    }
    case 'mentions':
      return value ? t.valueMentionsAnswered : t.valueMentionsIgnored;
    case 'visibility':
      return value === 'ephemeral' ? t.valueVisibilityEphemeral : t.valueVisibilityPublic;
    case 'results':
      return t.valueResults(value as number);
    case 'cooldown':
      return value === 0 ? t.valueCooldownOff : t.valueCooldown(value as number);
  }
}

/** What the summary and the history call a setting, in the reader's language (the schema's words in English). */
function label(setting: SettingName, t: Catalogue): string {
  return t.settings[setting].label;
}

export function settingsMessage(settings: GuildSettings, command: string, t: Catalogue = en): ReplyPayload {
  const lines = SETTING_NAMES.map((setting) => {
    const isDefault = JSON.stringify(settings[setting]) === JSON.stringify(DEFAULT_SETTINGS[setting]);
    return `**${label(setting, t)}:** ${describeValue(setting, settings[setting], t)}${isDefault ? ` ${t.settingsDefault}` : ''}`;
  });
  return safeReply({
    embeds: [
      {
        color: ACCENT,
        title: t.settingsTitle(command),
        description: lines.join('\n'),
        footer: { text: t.settingsFooter(command) },
      },
    ],
    components: [],
    ephemeral: true,
    allowedUsers: [],
  });
}

/** The new value, stated: every change a moderator makes is confirmed this way. */
export function changedMessage(
  setting: SettingName,
  settings: GuildSettings,
  extra = '',
  t: Catalogue = en,
): ReplyPayload {
  const changed = t.settingChanged(label(setting, t), describeValue(setting, settings[setting], t));
  return notice(`${changed}${extra ? ` ${extra}` : ''}`);
}

function describeChange(change: SettingChange, t: Catalogue): string {
  const when = `<t:${Math.floor(Date.parse(change.at) / 1000)}:f>`;
  const who = `<@${change.memberId}>`;
  if (change.setting === 'reset') return t.historyReset(when, who);
  const parse = (value: string | null) => (value === null ? null : JSON.parse(value));
  const before = describeValue(change.setting, parse(change.oldValue), t);
  const after = describeValue(change.setting, parse(change.newValue), t);
  return t.historyChange(when, who, label(change.setting, t), before, after);
}

export function historyMessage(changes: readonly SettingChange[], t: Catalogue = en): ReplyPayload {
  if (changes.length === 0) return notice(t.historyEmpty);
  const description = changes.map((change) => describeChange(change, t)).join('\n');
  return safeReply({
    embeds: [{ color: ACCENT, title: t.historyTitle, description }],
    components: [],
    ephemeral: true,
    allowedUsers: [],
  });
}
