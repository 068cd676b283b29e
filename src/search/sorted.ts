/** Binary search over a sorted list, for prefix lookups (autocomplete's words, heading terms). */

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
