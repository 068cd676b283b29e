/** The discord.js client, with the minimal intents and nothing able to ping by default. */
import { Client, type DefaultRestOptions, GatewayIntentBits, Options } from 'discord.js';
import type { BotConfig } from '../config.ts';

/**
 * `makeRequest` replaces REST's transport: the HTTP interactions mode passes its own, which turns interaction
 * callbacks into HTTP responses (see `interactions-endpoint.ts`). That mode never logs in, and keeps no users or
 * members in cache: each interaction carries the ones it needs.
 */
export function createClient(
  config: Pick<BotConfig, 'apiBase'>,
  makeRequest?: typeof DefaultRestOptions.makeRequest,
): Client {
  return new Client({
    // No privileged intent: messages that mention the bot carry their content anyway.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    rest: {
      ...(config.apiBase ? { api: config.apiBase } : {}),
      ...(makeRequest ? { makeRequest } : {}),
    },
    ...(makeRequest
      ? {
          makeCache: Options.cacheWithLimits({
            ...Options.DefaultMakeCacheSettings,
            UserManager: 0,
            GuildMemberManager: 0,
          }),
        }
      : {}),
    allowedMentions: { parse: [], repliedUser: false },
  });
}
