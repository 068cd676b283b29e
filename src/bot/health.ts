/**
 * The operator's HTTP endpoints (only when `HTTP_PORT` is set): `/healthz` answers 200 only when
 * the bot can actually answer — gateway connected, index loaded, settings database answering —
 * and 503 with the reasons otherwise; `/metrics` is Prometheus text.
 */
import { createServer, type Server } from 'node:http';
import type { Client } from 'discord.js';
import type { AnswerEngine } from '../search/engine.ts';
import type { SettingsStore } from '../settings/interface.ts';
import type { BotMetrics } from './metrics.ts';

export interface HealthSources {
  /** The gateway connection; null in HTTP interactions mode, which has none. */
  gateway: Client | null;
  engine: AnswerEngine;
  settings: SettingsStore;
  metrics: BotMetrics;
}

/** Why the bot cannot answer right now; empty when it can. */
export function unhealthyReasons({ gateway, engine, settings }: Omit<HealthSources, 'metrics'>): string[] {
  const reasons: string[] = [];
  if (gateway && !gateway.isReady()) reasons.push('gateway not connected');
  if (engine.stats.paragraphs === 0) reasons.push('index empty: no article loaded');
  if (!settings.isHealthy()) reasons.push('settings database not answering');
  else if (settings.isOnDisk?.() === false)
    reasons.push('settings database file deleted or replaced: changes would be lost at the next start');
  return reasons;
}

export async function startHealthServer(port: number, host: string, sources: HealthSources): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') {
      response.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/healthz') {
      const reasons = unhealthyReasons(sources);
      response
        .writeHead(reasons.length === 0 ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(reasons.length === 0 ? { status: 'ok' } : { status: 'unavailable', reasons }));
      return;
    }
    if (path === '/metrics') {
      sources.metrics.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': sources.metrics.registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: try /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
