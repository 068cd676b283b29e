/**
 * Discord's request signing for the HTTP interactions endpoint: an Ed25519 signature (`X-Signature-Ed25519`,
 * hex) over the `X-Signature-Timestamp` header followed by the raw body, checked with the application's public
 * key before anything is parsed. Uses node:crypto only.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/**
 * How far the signed timestamp may be from this machine's clock, either way. Discord's documentation gives no
 * window and Discord delivers at once (the reply is due within 3 s), so 60 s leaves room for clock skew and
 * stops a captured request from being replayed later. Replicas must keep their clocks synchronised (NTP).
 */
export const SIGNATURE_MAX_AGE_MS = 60_000;

/** DER prefix of an Ed25519 public key in SubjectPublicKeyInfo form; the 32 raw key bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const SIGNATURE_HEX = /^[0-9a-f]{128}$/i;
const TIMESTAMP = /^\d{1,15}$/;

/** The application's public key (64 hex characters, from the Developer Portal) as a key object. */
export function importPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('A Discord public key is 64 hex characters.');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

export type SignatureCheck = 'valid' | 'missing' | 'malformed' | 'stale' | 'invalid';

/**
 * Checks one request. `timestamp` is in seconds since the epoch, as Discord sends it; `now` in milliseconds.
 * Anything but 'valid' must be answered 401 without looking at the body.
 */
export function checkSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  now: number,
): SignatureCheck {
  if (signature === undefined || timestamp === undefined) return 'missing';
  if (!SIGNATURE_HEX.test(signature) || !TIMESTAMP.test(timestamp)) return 'malformed';
  if (Math.abs(now - Number(timestamp) * 1000) > SIGNATURE_MAX_AGE_MS) return 'stale';
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? 'valid' : 'invalid';
}
