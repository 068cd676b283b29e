/**
 * Discord's HTTP interactions endpoint (`npm run start:http`): Discord POSTs every interaction to
 * `POST /interactions`, signed; the bot answers in the HTTP response. Nothing is parsed before the signature and
 * the timestamp's freshness are checked (401 otherwise). PING is answered PONG; every other interaction is handed
 * to the same discord.js handlers as over the gateway, and the callback they send (`interaction.reply`,
 * `deferReply`, `respond`, `update`) becomes the HTTP response: the client's REST `makeRequest` goes through
 * {@link InteractionsEndpoint.makeRequest}, which answers callbacks of pending requests here and passes every
 * other request (edits, follow-ups) to Discord's REST API as usual.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DefaultRestOptions } from 'discord.js';
import type { Logger } from 'pino';
import { checkSignature, importPublicKey, SIGNATURE_MAX_AGE_MS } from './signature.ts';

/** Interactions are small JSON documents; anything larger is refused before it is read in full. */
export const MAX_BODY_BYTES = 256 * 1024;
/** The whole request (headers and body) must arrive within this time. */
const REQUEST_TIMEOUT_MS = 10_000;
/**
 * Discord waits 3 s for the answer. Handlers answer or defer well within it (long work is deferred); past it
 * the request is answered 503 and logged, as Discord would have given up anyway.
 */
const ANSWER_DEADLINE_MS = 3000;
const CALLBACK_PATH = /\/interactions\/(\d+)\/[^/]+\/callback$/;

type MakeRequest = typeof DefaultRestOptions.makeRequest;

interface Pending {
  answer(body: string): void;
}

export class InteractionsEndpoint {
  #server: Server | undefined;
  readonly #pending = new Map<string, Pending>();
  /** Interaction ids accepted within the signature window, oldest first: a replay of one is refused. */
  readonly #seen = new Map<string, number>();
  readonly #key;
  readonly #now: () => number;
  readonly #logger: Logger;

  constructor(options: { publicKey: string; logger: Logger; now?: () => number }) {
    this.#key = importPublicKey(options.publicKey);
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
  }

  /** For the client's REST options: an interaction callback of a pending request is its HTTP response. */
  readonly makeRequest: MakeRequest = async (url, init) => {
    const id = CALLBACK_PATH.exec(new URL(url).pathname)?.[1];
    const pending = id === undefined ? undefined : this.#pending.get(id);
    if (pending && typeof init.body === 'string') {
      pending.answer(init.body);
      return new Response(null, { status: 204 });
    }
    return DefaultRestOptions.makeRequest(url, init);
  };

  /** Starts serving; `dispatch` gets every verified interaction except PING, parsed. */
  async listen(port: number, dispatch: (interaction: Record<string, unknown>) => void, host = '0.0.0.0') {
    const server = createServer((req, res) => {
      this.#onRequest(req, res, dispatch).catch((error: unknown) => {
        this.#logger.error({ err: error }, 'interactions endpoint failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.headersTimeout = REQUEST_TIMEOUT_MS;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.#server = server;
  }

  get port(): number | undefined {
    return (this.#server?.address() as AddressInfo | null)?.port;
  }

  /** Stops accepting requests; requests in progress still get their answer (or the deadline's 503). */
  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }

  async #onRequest(
    req: IncomingMessage,
    res: ServerResponse,
    dispatch: (interaction: Record<string, unknown>) => void,
  ): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/interactions') return void reply(res, 404, { error: 'not found: POST /interactions' });
    if (req.method !== 'POST') return void reply(res, 405, { error: 'POST only' }, { allow: 'POST' });
    const body = await readLimited(req, MAX_BODY_BYTES);
    if (body === null) return void reply(res, 413, { error: `body over ${MAX_BODY_BYTES} bytes` });

    const now = this.#now();
    const check = checkSignature(
      this.#key,
      header(req, 'x-signature-ed25519'),
      header(req, 'x-signature-timestamp'),
      body,
      now,
    );
    if (check !== 'valid') {
      this.#logger.info({ check }, 'interaction refused: bad request signature');
      return void reply(res, 401, { error: 'invalid request signature' });
    }

    let interaction: Record<string, unknown>;
    try {
      interaction = JSON.parse(body.toString('utf8'));
    } catch {
      return void reply(res, 400, { error: 'body is not JSON' });
    }
    if (interaction?.type === 1) return void reply(res, 200, { type: 1 });
    const id = interaction?.id;
    if (typeof id !== 'string' || typeof interaction.token !== 'string') {
      return void reply(res, 400, { error: 'not an interaction' });
    }
    if (!this.#remember(id, now)) {
      this.#logger.info({ interaction: id }, 'interaction refused: replayed');
      return void reply(res, 401, { error: 'interaction already received' });
    }

    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        this.#logger.error({ interaction: id }, `interaction not answered within ${ANSWER_DEADLINE_MS} ms`);
        reply(res, 503, { error: 'no answer in time' });
        resolve();
      }, ANSWER_DEADLINE_MS);
      this.#pending.set(id, {
        answer: (callback) => {
          clearTimeout(timer);
          this.#pending.delete(id);
          res.writeHead(200, { 'content-type': 'application/json' }).end(callback);
          resolve();
        },
      });
      try {
        dispatch(interaction);
      } catch (error) {
        clearTimeout(timer);
        this.#pending.delete(id);
        this.#logger.error({ interaction: id, err: error }, 'interaction could not be handled');
        reply(res, 500, { error: 'could not handle the interaction' });
        resolve();
      }
    });
  }

  /** Records an interaction id; false when it was already received within the signature window. */
  #remember(id: string, now: number): boolean {
    for (const [seenId, at] of this.#seen) {
      if (now - at <= 2 * SIGNATURE_MAX_AGE_MS) break;
      this.#seen.delete(seenId);
    }
    if (this.#seen.has(id)) return false;
    this.#seen.set(id, now);
    return true;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? undefined : value;
}

function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** The whole body, or null as soon as it exceeds `limit` bytes (declared or received). */
async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
