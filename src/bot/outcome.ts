/** What a handler did, for the one log line per interaction. */
export interface Outcome {
  outcome:
    | 'answered'
    | 'no-results'
    | 'suggested'
    | 'shown'
    | 'updated'
    | 'refused'
    | 'cooldown'
    | 'rate-limited'
    | 'not-enabled'
    | 'expired'
    | 'ignored';
  results?: number;
  /** The question, when it matched nothing: logged so corpus editors can add synonyms. */
  unanswered?: string;
}
