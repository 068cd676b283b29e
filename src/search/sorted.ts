/**
 * Sorted lists for autocomplete: binary search for prefix lookups (its words, heading terms), and
 * the few best of many items without sorting them all.
 */

/** The first position in `list` (sorted by `keyOf`) whose key is not below `key`. */
export function firstAtLeast<T>(list: readonly T[], key: string, keyOf: (item: T) => string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keyOf(list[middle] as T) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The `max` first of `items` in the order `before` gives (negative: `a` first), an item tying with
 * kept ones placed after them (so ties keep the order met): one pass, each item compared with the
 * few kept, where sorting thousands to show a handful would cost far more.
 */
export function keepBest<T>(items: Iterable<T>, max: number, before: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  if (max <= 0) return kept;
  for (const item of items) {
    if (kept.length === max && before(item, kept[max - 1] as T) >= 0) continue;
    let at = kept.length;
    while (at > 0 && before(item, kept[at - 1] as T) < 0) at--;
    kept.splice(at, 0, item);
    if (kept.length > max) kept.pop();
  }
  return kept;
}
