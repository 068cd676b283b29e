/**
 * The cast of the hostile-input suite: fixed ids, so the arbitraries (inputs.ts) can aim mentions at real
 * members and at the bot itself, and the harness (harness.ts) plays the same people.
 */
import type { LocalUser } from '../../../src/local-discord/server.ts';

export const BOT: LocalUser = { id: '190000000000000001', username: 'CSTO answers', bot: true };
export const GUILD = '100000000000000077';
export const CHANNEL = '110000000000000077';
/** A server whose language is Russian: mentions there are answered in Russian. */
export const RU_GUILD = '100000000000000078';
export const RU_CHANNEL = '110000000000000078';
export const ASKER: LocalUser = { id: '200000000000000101', username: 'asker' };
export const OTHER: LocalUser = { id: '200000000000000102', username: 'other' };
/** The `mention` option's target: the only user any payload may ping, and only when asked to. */
export const TARGET: LocalUser = { id: '200000000000000103', username: 'target' };
export const MODERATOR: LocalUser = { id: '200000000000000104', username: 'moderator' };
/** A bot that is not ours: the `mention` option may name it, and it must never be pinged. */
export const OTHER_BOT: LocalUser = { id: '200000000000000105', username: 'another bot', bot: true };
