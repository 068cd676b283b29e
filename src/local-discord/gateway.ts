/** Gateway v10: identify, resume, heartbeats and dispatches over WebSocket. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from 'discord.js';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import type { Json } from './types.ts';
import { GATEWAY_PATH } from './wire.ts';

// ---------------------------------------------------------------------------------------------------------
// Gateway
// ---------------------------------------------------------------------------------------------------------

interface DispatchPayload {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: Json;
}

/** One gateway session: it outlives its socket so that a dropped client can RESUME it. */
export interface GatewaySession {
  id: string;
  shard: [number, number] | null;
  intents: number;
  seq: number;
  /** Dispatches not yet acknowledged by a heartbeat, replayed on RESUME. */
  backlog: DispatchPayload[];
  socket: WebSocket | null;
}

interface GatewayHooks {
  token: string;
  heartbeatIntervalMs: number;
  /** READY, then the session's GUILD_CREATEs: what Discord sends after IDENTIFY. */
  initialDispatches(session: GatewaySession): [event: string, data: Json][];
}

/** Whether `guildId`'s events go to this session: Discord routes guild `g` to shard `(g >> 22) % count`. */
export function routesTo(session: GatewaySession, guildId: string | null): boolean {
  if (!session.shard || session.shard[1] <= 1 || guildId === null || !/^\d+$/.test(guildId)) return true;
  return Number((BigInt(guildId) >> 22n) % BigInt(session.shard[1])) === session.shard[0];
}

/** The gateway protocol: HELLO, IDENTIFY/READY, heartbeats, RESUME with replay, invalid sessions. */
export class Gateway {
  readonly stats = { identifies: 0, resumes: 0, connections: 0 };
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<string, GatewaySession>();

  readonly #hooks: GatewayHooks;

  constructor(hooks: GatewayHooks) {
    this.#hooks = hooks;
  }

  get hasSessions(): boolean {
    return this.#sessions.size > 0;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    if (url.pathname !== GATEWAY_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.#server.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, url.searchParams));
  }

  /**
   * Sends `event` to every session that should see it. `build` returns the payload for one session, or
   * null to skip it (a missing intent). Sessions whose socket is down keep the event for their RESUME.
   */
  dispatch(event: string, guildId: string | null, build: (session: GatewaySession) => Json | null): void {
    for (const session of this.#sessions.values()) {
      if (!routesTo(session, guildId)) continue;
      const data = build(session);
      if (data !== null) this.#send(session, event, data);
    }
  }

  /** Ends every socket: abruptly (1006 on the client, which resumes) or with a close code. */
  drop(code?: number): void {
    for (const session of this.#sessions.values()) {
      const socket = session.socket;
      session.socket = null;
      if (code === undefined) socket?.terminate();
      else socket?.close(code);
    }
  }

  close(): Promise<void> {
    for (const socket of this.#server.clients) socket.terminate();
    this.#sessions.clear();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #accept(ws: WebSocket, query: URLSearchParams): void {
    this.stats.connections++;
    if (query.has('v') && query.get('v') !== '10') {
      ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    if (query.has('encoding') && query.get('encoding') !== 'json') {
      ws.close(GatewayCloseCodes.DecodeError, 'Only JSON encoding is supported');
      return;
    }
    let session: GatewaySession | null = null;
    ws.send(
      JSON.stringify({
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.#hooks.heartbeatIntervalMs },
      }),
    );
    ws.on('message', (raw: RawData) => {
      let payload: Json;
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
        return;
      }
      session = this.#receive(ws, session, payload);
    });
    ws.on('close', (code) => {
      if (!session || session.socket !== ws) return;
      session.socket = null;
      // A client that closes with 1000/1001 ends its session, as on Discord; any other close can be resumed.
      if (code === 1000 || code === 1001) this.#sessions.delete(session.id);
    });
  }

  /** Handles one client payload; returns the socket's session afterwards. */
  #receive(ws: WebSocket, session: GatewaySession | null, payload: Json): GatewaySession | null {
    switch (payload?.op) {
      case GatewayOpcodes.Heartbeat: {
        // The heartbeat carries the last sequence the client saw: nothing up to it needs replaying.
        if (session && typeof payload.d === 'number') {
          session.backlog = session.backlog.filter((dispatch) => dispatch.s > payload.d);
        }
        ws.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
        return session;
      }
      case GatewayOpcodes.Identify:
        return this.#identify(ws, session, payload.d);
      case GatewayOpcodes.Resume:
        return this.#resume(ws, session, payload.d);
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!session) ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        return session;
      default:
        ws.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
        return session;
    }
  }

  /** Closes a socket that may not (re)authenticate: it already has a session, or the token is wrong. */
  #refuse(ws: WebSocket, current: GatewaySession | null, token: unknown): boolean {
    if (current) ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
    else if (!this.#tokenMatches(token))
      ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    else return false;
    return true;
  }

  #identify(ws: WebSocket, current: GatewaySession | null, d: Json): GatewaySession | null {
    this.stats.identifies++;
    if (this.#refuse(ws, current, d?.token)) return current;
    const shard = Array.isArray(d.shard) ? (d.shard as [number, number]) : null;
    if (shard && !(shard[0] >= 0 && shard[0] < shard[1])) {
      ws.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return null;
    }
    // A new IDENTIFY for a shard replaces that shard's previous session, which would otherwise buffer forever.
    for (const old of this.#sessions.values()) {
      if (old.shard?.[0] === shard?.[0] && old.shard?.[1] === shard?.[1]) this.#sessions.delete(old.id);
    }
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      shard,
      intents: Number(d.intents ?? 0),
      seq: 0,
      backlog: [],
      socket: ws,
    };
    this.#sessions.set(session.id, session);
    for (const [event, data] of this.#hooks.initialDispatches(session)) this.#send(session, event, data);
    return session;
  }

  #resume(ws: WebSocket, current: GatewaySession | null, d: Json): GatewaySession | null {
    this.stats.resumes++;
    if (this.#refuse(ws, current, d?.token)) return current;
    const session = this.#sessions.get(d.session_id);
    if (!session) {
      // d: false = not resumable; the client reconnects and identifies afresh.
      ws.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      return null;
    }
    session.socket?.terminate();
    session.socket = ws;
    const after = Number(d.seq ?? 0);
    for (const dispatch of session.backlog) if (dispatch.s > after) ws.send(JSON.stringify(dispatch));
    this.#send(session, GatewayDispatchEvents.Resumed, null);
    return session;
  }

  #send(session: GatewaySession, event: string, data: Json): void {
    session.seq++;
    const dispatch: DispatchPayload = { op: GatewayOpcodes.Dispatch, t: event, s: session.seq, d: data };
    session.backlog.push(dispatch);
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(dispatch));
  }

  #tokenMatches(token: unknown): boolean {
    return typeof token === 'string' && token.replace(/^Bot\s+/i, '') === this.#hooks.token;
  }
}
