/** `/<command>-admin status`: what an operator checks first. */
import { type Catalogue, en } from '../i18n/en.ts';
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

function engineTime({ calls, p50Ms, p99Ms }: StatusFacts['engineTimes']['answer'], t: Catalogue): string {
  if (calls === 0) return t.statusEngineTimeNone;
  const ms = (value: number) => (value < 10 ? value.toFixed(1) : String(Math.round(value)));
  return t.statusEngineTime(ms(p50Ms), ms(p99Ms), calls);
}

export function statusMessage(facts: StatusFacts, t: Catalogue = en): ReplyPayload {
  const { lastReload, uptimeSeconds: seconds } = facts;
  const lines = [
    t.statusVersion(facts.version),
    t.statusCorpus(facts.articles, facts.paragraphs, facts.terms),
    t.statusIndex(facts.indexSource === 'cache', Math.round(facts.indexMs)),
    t.statusAnswerTime(engineTime(facts.engineTimes.answer, t)),
    t.statusAutocompleteTime(engineTime(facts.engineTimes.autocomplete, t)),
    t.statusLastReload(
      lastReload ? `<t:${Math.floor(lastReload.at.getTime() / 1000)}:R>` : null,
      lastReload?.summary ?? '',
    ),
    t.statusSkipped(facts.problems),
    t.statusUptime(
      Math.floor(seconds / 86_400),
      Math.floor((seconds % 86_400) / 3600),
      Math.floor((seconds % 3600) / 60),
    ),
    t.statusPing(facts.pingMs >= 0 ? Math.round(facts.pingMs) : null),
  ];
  return safeReply({
    embeds: [{ color: ACCENT, title: t.statusTitle, description: lines.join('\n') }],
    components: [],
    ephemeral: true,
    allowedUsers: [],
  });
}
