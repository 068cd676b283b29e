/**
 * Discord's side of the HTTP interactions endpoint, for the local server: its own Ed25519 key pair (the
 * application's "public key" is the public half), and interactions POSTed to the endpoint signed over
 * timestamp + body, exactly as Discord signs them. The endpoint's HTTP response is the interaction's callback.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

// biome-ignore lint/suspicious/noExplicitAny: arbitrary JSON payloads, as in server.ts
type Json = any;

/** Bytes before the raw 32-byte key in an Ed25519 public key's SubjectPublicKeyInfo DER. */
const SPKI_PREFIX_BYTES = 12;

export class InteractionSigner {
  /** The public key as the Developer Portal shows it: 64 hex characters. */
  readonly publicKey: string;
  readonly #privateKey: KeyObject;

  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    this.publicKey = publicKey
      .export({ format: 'der', type: 'spki' })
      .subarray(SPKI_PREFIX_BYTES)
      .toString('hex');
    this.#privateKey = privateKey;
  }

  /** `X-Signature-Ed25519`: hex signature of `timestamp` followed by the raw body. */
  sign(timestamp: string, body: string | Buffer): string {
    return sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), this.#privateKey).toString(
      'hex',
    );
  }

  /** Both signature headers for `body`, timestamped `now` (epoch ms; Discord sends whole seconds). */
  headers(body: string | Buffer, now = Date.now()): Record<string, string> {
    const timestamp = String(Math.floor(now / 1000));
    return { 'x-signature-ed25519': this.sign(timestamp, body), 'x-signature-timestamp': timestamp };
  }
}

export interface EndpointResponse {
  /** 0 when the endpoint could not be reached. */
  status: number;
  /** The parsed JSON response, or null. */
  body: Json;
  /** When the response arrived (epoch ms): Discord judges the 3 s deadline by it. */
  receivedAt: number;
}

/**
 * POSTs `payload` to `url` as Discord does; `headers` replaces the signature headers (to send a bad one, as
 * Discord's routine checks do). Never rejects.
 */
export async function postInteraction(
  url: string,
  signer: InteractionSigner,
  payload: Json,
  headers?: Record<string, string>,
): Promise<EndpointResponse> {
  const body = JSON.stringify(payload);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(headers ?? signer.headers(body)) },
      body,
    });
    const text = await response.text();
    let parsed: Json = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: Discord treats it as no answer.
    }
    return { status: response.status, body: parsed, receivedAt: Date.now() };
  } catch {
    return { status: 0, body: null, receivedAt: Date.now() };
  }
}
