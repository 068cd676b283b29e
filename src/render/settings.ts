/** Moderator-facing messages for `/<command>-config`: the settings and their history. */

import type { SettingChange } from '../settings/interface.ts';
import { DEFAULT_SETTINGS, type GuildSettings, SETTING_NAMES, type SettingName } from '../settings/schema.ts';
import { ACCENT, notice } from './messages.ts';
import type { ReplyPayload } from './payload.ts';
import { safeReply } from './payload.ts';

/** A setting's value as a moderator reads it. */
export function describeValue(setting: SettingName, value: unknown): string {
  switch (setting) {
    case 'channels': {
      const channels = value as readonly string[];
      return channels.length === 0 ? 'every channel' : channels.map((id) => `<#${id}>`).join(', ');
    }
    case 'mentions':
      return value ? 'answered' : 'ignored';
    case 'visibility':
      return value === 'ephemeral' ? 'only the asker (ephemeral)' : 'everyone (public)';
    case 'results':
      return `${value} per answer`;
    case 'cooldown':
      return value === 0 ? 'off' : `${value} s per member`;
  }
}

const LABELS: Record<SettingName, string> = {
  channels: 'Answers in',
  mentions: 'Mentions',
  visibility: 'Replies visible to',
  results: 'Results',
  cooldown: 'Cooldown',
};

export function settingsMessage(settings: GuildSettings, command: string): ReplyPayload {
  const lines = SETTING_NAMES.map((setting) => {
    const isDefault = JSON.stringify(settings[setting]) === JSON.stringify(DEFAULT_SETTINGS[setting]);
    return `**${LABELS[setting]}:** ${describeValue(setting, settings[setting])}${isDefault ? ' *(default)*' : ''}`;
  });
  return safeReply({
    embeds: [
      {
        color: ACCENT,
        title: `/${command} settings for this server`,
        description: lines.join('\n'),
        footer: {
          text: `Change them with /${command}-config; see who changed what with /${command}-config history.`,
        },
      },
    ],
    components: [],
    ephemeral: true,
    allowedUsers: [],
  });
}

/** The new value, stated: every change a moderator makes is confirmed this way. */
export function changedMessage(setting: SettingName, settings: GuildSettings, extra = ''): ReplyPayload {
  return notice(
    `**${LABELS[setting]}:** now ${describeValue(setting, settings[setting])}.${extra ? ` ${extra}` : ''}`,
  );
}

function describeChange(change: SettingChange): string {
  const when = `<t:${Math.floor(Date.parse(change.at) / 1000)}:f>`;
  if (change.setting === 'reset') return `${when} <@${change.memberId}> reset every setting to its default`;
  const parse = (value: string | null) => (value === null ? null : JSON.parse(value));
  const before = describeValue(change.setting, parse(change.oldValue));
  const after = describeValue(change.setting, parse(change.newValue));
  return `${when} <@${change.memberId}> ${LABELS[change.setting].toLowerCase()}: ${before} → ${after}`;
}

export function historyMessage(changes: readonly SettingChange[]): ReplyPayload {
  if (changes.length === 0)
    return notice('No setting has been changed on this server yet: all are defaults.');
  return safeReply({
    embeds: [
      { color: ACCENT, title: 'Recent setting changes', description: changes.map(describeChange).join('\n') },
    ],
    components: [],
    ephemeral: true,
    allowedUsers: [],
  });
}
