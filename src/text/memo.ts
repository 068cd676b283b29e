/** Every memo made, so that `forgetMemos` can empty them all. */
const memos: Map<string, unknown>[] = [];

/**
 * Empties every memo: after an index build, the corpus's words are analysed and will not be asked
 * again, while queries refill what they use.
 */
export function forgetMemos(): void {
  for (const memo of memos) memo.clear();
}

/**
 * A bounded memo for pure string functions on the analysis path (stemming, spelling folds,
 * phrase keys): a corpus has a bounded vocabulary, queries do not, so the memo is cleared when
 * it reaches `limit` rather than growing without end.
 */
export function memoize<T>(compute: (key: string) => T, limit = 100_000): (key: string) => T {
  const memo = new Map<string, T>();
  memos.push(memo);
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      if (memo.size >= limit) memo.clear();
      value = compute(key);
      memo.set(key, value);
    }
    return value;
  };
}
