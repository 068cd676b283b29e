/**
 * Whether a URL is one Discord takes as a link (an embed's `url`). Discord answers 400
 * `URL_TYPE_INVALID_URL` for the rest — a space, a non-ASCII or `_` host name, another scheme, a very long
 * URL — and refuses the whole message, so a corpus URL is held to this before it is ever sent.
 */

/** Discord's limit on an embed URL. */
export const MAX_URL_CHARS = 2048;

/** Visible ASCII only: no spaces, controls or anything a client would have to encode. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
/** DNS labels of letters, digits and inner hyphens, at least two of them (`example.com`). */
const HOST = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;
/** The host exactly as the text writes it, after the scheme and any user info. */
const WRITTEN_HOST = /^https?:\/\/(?:[^@/?#]*@)?([^:/?#]*)/i;

export function isLinkableUrl(text: string): boolean {
  if (text.length > MAX_URL_CHARS || !PRINTABLE_ASCII.test(text)) return false;
  if (!/^https?:\/\//i.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  // `new URL` turns a non-ASCII host into punycode: the check above already refused the original.
  // The parser repairs what a strict reader refuses (`\` read as `/`, `https://7` read as 0.0.0.7,
  // `https:///host`): the host must be the one written.
  if (WRITTEN_HOST.exec(text)?.[1]?.toLowerCase() !== url.hostname) return false;
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    HOST.test(url.hostname)
  );
}
