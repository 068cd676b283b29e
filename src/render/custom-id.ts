/**
 * Button state lives in the button's `custom_id` (at most 100 characters), so buttons keep working
 * across restarts and shards without a store. The query goes last because it may contain the
 * separator; a query too long to fit simply gets no button.
 */
import { LIMITS } from './limits.ts';

export type ButtonAction =
  /** Next results for the same query, replacing the message's results. */
  | { kind: 'more'; requesterId: string; offset: number; hidden: boolean; query: string }
  /** The whole cited paragraph, shown to the requester only. */
  | { kind: 'para'; requesterId: string; paragraphId: string; query: string }
  /** Re-post an ephemeral answer in the channel for everyone. */
  | { kind: 'share'; requesterId: string; offset: number; query: string };

const SEPARATOR = ':';

export function encodeButton(action: ButtonAction): string | null {
  const parts: (string | number)[] = [action.kind, action.requesterId];
  if (action.kind === 'more') parts.push(action.offset, action.hidden ? 1 : 0);
  if (action.kind === 'share') parts.push(action.offset);
  // Paragraph ids are slugs and numbers (`a-b#3`): they never contain the separator.
  if (action.kind === 'para') parts.push(action.paragraphId);
  parts.push(action.query);
  const id = parts.join(SEPARATOR);
  return id.length <= LIMITS.customId ? id : null;
}

export function decodeButton(customId: string): ButtonAction | null {
  const [kind, requesterId, ...rest] = customId.split(SEPARATOR);
  if (!requesterId || !/^\d+$/.test(requesterId)) return null;
  const number = (text: string | undefined) =>
    text !== undefined && /^\d{1,4}$/.test(text) ? Number(text) : null;
  switch (kind) {
    case 'more': {
      const [offset, hidden, ...query] = rest;
      const at = number(offset);
      if (at === null || (hidden !== '0' && hidden !== '1')) return null;
      return { kind, requesterId, offset: at, hidden: hidden === '1', query: query.join(SEPARATOR) };
    }
    case 'share': {
      const [offset, ...query] = rest;
      const at = number(offset);
      return at === null ? null : { kind, requesterId, offset: at, query: query.join(SEPARATOR) };
    }
    case 'para': {
      const [paragraphId, ...query] = rest;
      return paragraphId ? { kind, requesterId, paragraphId, query: query.join(SEPARATOR) } : null;
    }
    default:
      return null;
  }
}
