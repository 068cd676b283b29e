/**
 * The playground's server, channels and people. Fixed ids keep links and settings meaningful across
 * restarts when a data directory is kept (`PLAYGROUND_DATA_DIR`).
 */
import { PermissionFlagsBits } from 'discord.js';
import { CATALOGUES, type Catalogue } from '../i18n/index.ts';
import { type LocalGuild, type LocalUser, MEMBER_PERMISSIONS } from '../local-discord/server.ts';
import type { PageStrings, Role, WorldView } from './protocol.ts';

/** Shaped like a real bot token so the bot's configuration accepts it; it opens nothing but the local server. */
export const PLAYGROUND_TOKEN = 'UExBWUdST1VORC1MT0NBTC1CT1Q.Local.playground-token-opens-nothing-real';

export const BOT: LocalUser = { id: '100000000000000001', username: 'AnswerBot', bot: true };

export const ACTORS: Record<Role, LocalUser> = {
  member: { id: '300000000000000001', username: 'mia' },
  moderator: { id: '300000000000000002', username: 'max' },
};

/** Owns the server, so the moderator's rights come from their permissions alone. */
const OWNER: LocalUser = { id: '300000000000000003', username: 'sasha' };

export const PEOPLE: readonly LocalUser[] = [BOT, ACTORS.member, ACTORS.moderator, OWNER];

export const GUILD: LocalGuild = {
  id: '400000000000000001',
  name: 'Playground',
  ownerId: OWNER.id,
  channels: [
    { id: '500000000000000001', name: 'general' },
    { id: '500000000000000002', name: 'news' },
  ],
};

/**
 * What each role may do, as Discord computes it for the interaction's member. The moderator is
 * also an administrator (Discord lists `/csto-admin` to administrators only) and the bot's operator
 * (`OPERATOR_IDS` below), so the page can show every command the bot has working.
 */
export const PERMISSIONS: Record<Role, string> = {
  member: MEMBER_PERMISSIONS,
  moderator: (
    BigInt(MEMBER_PERMISSIONS) |
    PermissionFlagsBits.ManageGuild |
    PermissionFlagsBits.Administrator
  ).toString(),
};

/** The playground bot's `OWNER_IDS`: who may use `/csto-admin`. */
export const OPERATOR_IDS = ACTORS.moderator.id;

export function worldView(command: string): WorldView {
  return {
    guildName: GUILD.name,
    command,
    channels: GUILD.channels.map(({ id, name }) => ({ id, name })),
    bot: BOT,
    actors: ACTORS,
    people: [...PEOPLE],
    strings: { 'en-US': pageStrings(CATALOGUES['en-US'], command), ru: pageStrings(CATALOGUES.ru, command) },
  };
}

function pageStrings(t: Catalogue, command: string): PageStrings {
  return {
    topic: t.pageTopic(command),
    messagePlaceholder: t.pageMessagePlaceholder('{channel}'),
    actingAs: t.pageActingAs,
    member: t.pageMember,
    moderator: t.pageModerator,
    roleNotes: { member: t.pageMemberNote, moderator: t.pageModeratorNote },
    language: t.pageLanguage,
    stopped: t.pageStopped,
  };
}
