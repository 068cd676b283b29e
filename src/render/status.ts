/** `/<command>-admin status`: what an operator checks first. */
import { count } from './count.ts';
import { ACCENT } from './messages.ts';
import { type ReplyPayload, safeReply } from './payload.ts';

export interface StatusFacts {
  version: string;
  articles: number;
  paragraphs: number;
  terms: number;
  indexMs: number;
  indexSource: 'built' | 'cache';
  /** When the corpus was last reloaded, and what changed; null before the first reload. */
  lastReload: { at: Date; summary: string } | null;
  uptimeSeconds: number;
  /** Gateway heartbeat round trip; -1 before the first heartbeat. */
  pingMs: number;
  problems: number;
}

function duration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return [days && `${days} d`, hours && `${hours} h`, `${minutes} min`].filter(Boolean).join(' ');
}

export function statusMessage(facts: StatusFacts): ReplyPayload {
  const lines = [
    `**Version:** ${facts.version}`,
    `**Corpus:** ${count(facts.articles, 'article')}, ${count(facts.paragraphs, 'paragraph')}, ${count(facts.terms, 'term')}`,
    `**Index:** ${facts.indexSource === 'cache' ? 'loaded from cache' : 'built'} in ${Math.round(facts.indexMs)} ms`,
    `**Last reload:** ${facts.lastReload ? `<t:${Math.floor(facts.lastReload.at.getTime() / 1000)}:R> — ${facts.lastReload.summary}` : 'none since start'}`,
    `**Corpus problems:** ${facts.problems} (skipped files and glossary lines; \`npm run corpus:check\` lists them)`,
    `**Uptime:** ${duration(facts.uptimeSeconds)}`,
    `**Gateway ping:** ${facts.pingMs >= 0 ? `${Math.round(facts.pingMs)} ms` : 'not measured yet'}`,
  ];
  return safeReply({
    embeds: [{ color: ACCENT, title: 'Bot status', description: lines.join('\n') }],
    components: [],
    ephemeral: true,
    allowedUsers: [],
  });
}
