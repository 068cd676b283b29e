/** The HTTP side: parses requests, applies faults, records every call and routes it to its handler. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ChannelMessages } from './channel-messages.ts';
import { postInteraction } from './http-delivery.ts';
import { matchSegments, type Route } from './routing.ts';
import type { InteractionState } from './state.ts';
import type { FaultRule, Json, LocalDiscordServerOptions, RecordedRequest } from './types.ts';
import {
  API_PREFIX,
  type ApiResponse,
  apiError,
  apiUser,
  decodeSegment,
  httpError,
  json,
  noContent,
  parseBody,
  readBody,
  unknownChannel,
} from './wire.ts';

export abstract class HttpServer extends ChannelMessages {
  readonly #routes: Route[];

  protected constructor(http: Server, port: number, options: LocalDiscordServerOptions) {
    super(http, port, options);
    this.#routes = this.buildRoutes();
    // A request can only fail outside onRequest's own error handling when the client aborted it.
    http.on('request', (req, res) => void this.onRequest(req, res).catch(() => res.destroy()));
    http.on('upgrade', (req, socket, head) => this.gateway.upgrade(req, socket, head));
  }

  // ----- HTTP ------------------------------------------------------------------------------------------

  protected async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', this.apiBase);
    const method = (req.method ?? 'GET').toUpperCase();
    const underApi = url.pathname.startsWith(`${API_PREFIX}/`);
    const segments = (underApi ? url.pathname.slice(API_PREFIX.length) : url.pathname)
      .split('/')
      .map(decodeSegment);
    const path = segments.join('/');
    const parsed = await parseBody(req.headers['content-type'], await readBody(req));
    const fault = this.takeFault(method, path);
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: parsed?.body,
      authorized: req.headers.authorization === `Bot ${this.token}`,
      at,
      status: 0,
      faulted: fault !== null,
    };
    let response: ApiResponse;
    try {
      if (fault?.hold) await fault.hold();
      if (fault?.status !== undefined) response = faultResponse(fault);
      else if (!parsed) response = apiError(400, 50109, 'The request body contains invalid JSON.');
      else if (!underApi) response = httpError(404);
      else response = this.route(segments.slice(1), record, parsed);
    } catch (error) {
      record.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
      response = httpError(500);
    }
    record.status = response.status;
    this.record(record);
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...response.headers };
    if (response.body !== undefined) headers['Content-Type'] = 'application/json';
    res.writeHead(response.status, headers);
    res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
  }

  /** Finds the handler for `segments` (the path after /api/v10, split and decoded) and runs it. */
  protected route(
    segments: string[],
    { method, query, authorized, at }: RecordedRequest,
    parsed: { body: Json; hasFiles: boolean },
  ): ApiResponse {
    let pathMatched = false;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      if (route.auth && !authorized) return httpError(401);
      return route.handle({ method, receivedAt: at, query, ...parsed, params });
    }
    return httpError(pathMatched ? 405 : 404);
  }

  protected takeFault(method: string, path: string): FaultRule | null {
    const index = this.faults.findIndex(({ rule }) => {
      rule.path.lastIndex = 0; // a /g or /y regexp would otherwise remember the last match
      return (!rule.method || rule.method.toUpperCase() === method) && rule.path.test(path);
    });
    const active = this.faults[index];
    if (!active) return null;
    active.remaining--;
    if (active.remaining <= 0) this.faults.splice(index, 1);
    return active.rule;
  }

  protected record(request: RecordedRequest): void {
    this.requests.push(request);
    for (const wait of this.waits) {
      let matches: boolean;
      try {
        matches = wait.predicate(request);
      } catch (error) {
        this.waits.delete(wait);
        clearTimeout(wait.timer);
        wait.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (!matches) continue;
      this.waits.delete(wait);
      clearTimeout(wait.timer);
      wait.resolve(request);
    }
  }

  protected buildRoutes(): Route[] {
    const route = (method: string, template: string, handle: Route['handle'], auth = true): Route => ({
      method,
      segments: template.split('/').slice(1),
      auth,
      handle,
    });
    const commands = '/applications/:app/commands';
    const guildCommands = '/applications/:app/guilds/:guild/commands';
    const webhookMessage = '/webhooks/:app/:token/messages/:message';
    return [
      route('GET', '/gateway', () => json({ url: this.gatewayUrl }), false),
      route('GET', '/gateway/bot', () =>
        json({
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        }),
      ),
      route('GET', '/users/@me', () => json(apiUser(this.botUser))),
      route('GET', '/users/:user', ({ params }) => {
        const user = this.users.get(params.user as string);
        return user ? json(apiUser(user)) : apiError(404, 10013, 'Unknown User');
      }),
      route('GET', '/applications/@me', () => json(this.application())),
      ...[commands, guildCommands].flatMap((base) => [
        route('GET', base, (req) => this.listCommands(req)),
        route('PUT', base, (req) => this.overwriteCommands(req)),
        route('POST', base, (req) => this.upsertCommand(req)),
        route('GET', `${base}/:command`, (req) => this.getCommand(req)),
        route('DELETE', `${base}/:command`, (req) => this.deleteCommand(req)),
      ]),
      route(
        'POST',
        '/interactions/:interaction/:token/callback',
        (req) => this.interactionCallback(req),
        false,
      ),
      route('POST', '/webhooks/:app/:token', (req) => this.followUp(req), false),
      route('GET', webhookMessage, (req) => this.webhookMessage(req), false),
      route('PATCH', webhookMessage, (req) => this.webhookMessage(req), false),
      route('DELETE', webhookMessage, (req) => this.webhookMessage(req), false),
      route('GET', '/channels/:channel', ({ params }) => {
        const entry = this.channels.get(params.channel as string);
        return entry ? json(this.apiChannel(entry)) : unknownChannel();
      }),
      route('POST', '/channels/:channel/typing', ({ params }) =>
        this.channels.has(params.channel as string) ? noContent : unknownChannel(),
      ),
      route('POST', '/channels/:channel/messages', (req) => this.createChannelMessage(req)),
      route('GET', '/channels/:channel/messages/:message', (req) => this.channelMessage(req)),
      route('PATCH', '/channels/:channel/messages/:message', (req) => this.channelMessage(req)),
      route('DELETE', '/channels/:channel/messages/:message', (req) => this.channelMessage(req)),
    ];
  }

  protected application(): Json {
    return {
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot: apiUser(this.botUser),
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      owner: apiUser(this.defaultUser),
      team: null,
      flags: 0,
      tags: [],
      install_params: null,
      integration_types_config: { '0': {} },
      approximate_guild_count: this.guilds.length,
    };
  }

  /**
   * Delivers an interaction to an HTTP endpoint; a 200 JSON response is its callback, handled and recorded
   * exactly like a POST to the callback route (arrival time = when the response arrived). Any other answer is
   * recorded with its status and leaves the interaction unacknowledged, as Discord does.
   */
  protected async deliverOverHttp(url: string, payload: Json, state: InteractionState): Promise<void> {
    const response = await postInteraction(url, this.interactionSigner, payload);
    const segments = ['interactions', state.id, state.token, 'callback'];
    const record: RecordedRequest = {
      method: 'POST',
      path: `/${segments.join('/')}`,
      query: {},
      body: response.body,
      authorized: false,
      at: response.receivedAt,
      status: response.status,
      faulted: false,
    };
    if (response.status === 200 && response.body && typeof response.body === 'object') {
      record.status = this.route(segments, record, { body: response.body, hasFiles: false }).status;
    }
    this.record(record);
  }
}

/** The response a {@link FaultRule} prescribes; for 429 what @discordjs/rest needs to wait and retry. */
function faultResponse(rule: FaultRule): ApiResponse {
  const status = rule.status as number;
  if (status === 429) {
    // @discordjs/rest waits Number(Retry-After) * 1000 ms. Discord sends whole seconds; fractions are passed
    // through as given so tests can keep retries short.
    const retryAfter = rule.retryAfterSeconds ?? 1;
    return {
      status,
      body: rule.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
      headers: { 'Retry-After': String(retryAfter), 'X-RateLimit-Scope': 'user' },
    };
  }
  return rule.body === undefined ? httpError(status) : { status, body: rule.body };
}
