/**
 * A bounded memo for pure string functions on the analysis path (stemming, spelling folds,
 * phrase keys): a corpus has a bounded vocabulary, queries do not, so the memo is cleared when
 * it reaches `limit` rather than growing without end.
 */
export function memoize<T>(compute: (key: string) => T, limit = 100_000): (key: string) => T {
  const memo = new Map<string, T>();
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
