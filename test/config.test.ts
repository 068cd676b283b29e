/**
 * Configuration messages: one line per bad variable, naming it, echoing its value (never the token's),
 * saying what is wrong once and how to fix it.
 */
import { describe, expect, it } from 'vitest';
import { startupFailureMessage } from '../src/bot/startup-failure.ts';
import { ConfigError, loadBotConfig } from '../src/config.ts';
import { TEST_TOKEN } from './support/bot.ts';

/** The configuration problem `env` causes, as the user reads it. */
function problem(env: Record<string, string>): string {
  try {
    loadBotConfig({ DISCORD_TOKEN: TEST_TOKEN, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`no configuration problem for ${JSON.stringify(env)}`);
}

describe('configuration messages', () => {
  it.each([
    [{ LOG_LEVEL: 'verbose' }, '- LOG_LEVEL="verbose" is not a log level: use one of fatal, error, warn'],
    [{ HTTP_PORT: '0' }, '- HTTP_PORT="0" is not a port number: give 1–65535'],
    [{ HTTP_PORT: 'eighty' }, '- HTTP_PORT="eighty" is not a port number: give 1–65535'],
    [{ SHARD_COUNT: '0' }, '- SHARD_COUNT="0" is not a number of shards: give a whole number from 1 to 1000'],
    [{ BOT_COMMAND: 'Ask Me' }, '- BOT_COMMAND="Ask Me" is not a valid command name: use 1–24 lowercase'],
    [
      { OWNER_IDS: '12345' },
      '- OWNER_IDS="12345" has an id that is not 17–20 digits: give the Discord user ids',
    ],
  ])('when %o is wrong, the message echoes the value and says what to do', (env, expected) => {
    expect(problem(env)).toContain(expected);
  });

  it('says each thing once: no validator wording repeating the advice', () => {
    const wrong: Record<string, string>[] = [
      { LOG_LEVEL: 'verbose' },
      { HTTP_PORT: '0' },
      { SHARD_COUNT: '0' },
    ];
    for (const env of wrong) {
      const text = problem(env);
      expect(text).not.toMatch(/Invalid|expected|Too small/);
      expect(text.match(/fatal/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
  });

  it('names a list once, however many of its entries are wrong', () => {
    const text = problem({ DISCORD_GUILD_IDS: '1,2,3' });
    expect(text.match(/DISCORD_GUILD_IDS/g)).toHaveLength(1);
  });

  it('never echoes a secret: the token, or the database URL with its password', () => {
    const token = problem({ DISCORD_TOKEN: 'not-a-token-but-secret' });
    expect(token).toContain('- DISCORD_TOKEN does not look like a bot token');
    expect(token).not.toContain('not-a-token-but-secret');
    const database = problem({ DATABASE_URL: 'mysql://admin:hunter2@db/settings' });
    expect(database).toContain('- DATABASE_URL is not a postgres:// URL');
    expect(database).not.toContain('hunter2');
  });

  it('names every companion command that BOT_COMMAND prefixes, -admin included', () => {
    expect(problem({ BOT_COMMAND: 'UPPER' })).toContain('"-sources", "-config" and "-admin" are appended');
  });
});

describe('startup failure messages (npm start and npm run start:sharded)', () => {
  it('name what caused a failed fetch, not just "fetch failed"', () => {
    const error = new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND discord.com') });
    expect(startupFailureMessage(error)).toBe(
      'could not start: fetch failed: getaddrinfo ENOTFOUND discord.com',
    );
  });

  it('a refused token gets the advice to reset it', () => {
    const error = Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' });
    expect(startupFailureMessage(error)).toContain('Discord rejected DISCORD_TOKEN: reset it');
  });

  it('a shard that died starting points at the reason the shard logged', () => {
    const error = Object.assign(new Error("Shard 0's process exited before its Client became ready."), {
      code: 'ShardingReadyDied',
    });
    expect(startupFailureMessage(error)).toBe(
      "could not start: Shard 0's process exited before its Client became ready (the shard logged why above)",
    );
  });
});
