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
  /** The engine's own time per call since start: answers (with "More") and autocomplete keystrokes. */
  engineTimes: Record<'answer' | 'autocomplete', { calls: number; p50Ms: number; p99Ms: number }>;
}

function engineTime({ calls, p50Ms, p99Ms }: StatusFacts['engineTimes']['answer']): string {
  if (calls === 0) return 'none yet';
  const ms = (value: number) => (value < 10 ? value.toFixed(1) : String(Math.round(value)));
  return `p50 ${ms(p50Ms)} ms, p99 ${ms(p99Ms)} ms (${calls} since start)`;
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
    `**Answer time:** ${engineTime(facts.engineTimes.answer)}`,
    `**Autocomplete time:** ${engineTime(facts.engineTimes.autocomplete)}`,
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
