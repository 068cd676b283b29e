/**
 * MiniSearch's per-paragraph maps, over arrays a cache load reads as they are (`cache.ts`).
 *
 * MiniSearch keeps three maps with an entry per paragraph: short id → paragraph id
 * (`_documentIds`), paragraph id → short id (`_idToShortId`) and short id → field lengths
 * (`_fieldLength`). Recreating them entry by entry — 300,000 map insertions and 100,000 arrays at
 * 100k paragraphs — was most of a warm start's CPU outside the postings. Here:
 * - `DenseMap` answers short id → value from an array indexed by short id, with no entry to make;
 * - `LazyMap` is a real `Map` filled on its first use: MiniSearch reads `_idToShortId` and
 *   `_fieldLength` only to add or discard a paragraph, for `has`/`getStoredFields`, or in its own
 *   `search` (the "did you mean" suggestions), which a running engine rarely or never does;
 * - `FieldLengths` is that lazy map over field lengths kept by field, which ranking reads as they
 *   are (`evaluate.ts`) while nothing has changed the map.
 * Every `Map` method works on all three (the `Map` tests in test/search/short-id-maps.test.ts).
 */

/**
 * Short id → value over an array indexed by short id. Iterates in ascending short id, which is
 * MiniSearch's insertion order: it hands short ids out in increasing order and never reuses one.
 * Values are never `undefined` (a paragraph id, field lengths): a hole is an absent key.
 */
export class DenseMap<V> extends Map<number, V> {
  #values: (V | undefined)[];
  #size: number;

  /** `values` is kept, not copied: `size` is how many of its slots hold a value. */
  constructor(values: (V | undefined)[], size: number) {
    super();
    this.#values = values;
    this.#size = size;
  }

  override get size(): number {
    return this.#size;
  }

  override get(key: number): V | undefined {
    return Number.isInteger(key) && key >= 0 ? this.#values[key] : undefined;
  }

  override has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** Keys must be whole numbers; a new key must be above every present one (insertion order). */
  override set(key: number, value: V): this {
    if (!Number.isInteger(key) || key < 0) throw new RangeError(`DenseMap: key ${key} is not a short id`);
    if (!this.has(key)) {
      if (key < this.#values.length && this.#values.slice(key + 1).some((held) => held !== undefined))
        throw new RangeError(`DenseMap: key ${key} is below a present key`);
      this.#size += 1;
    }
    this.#values[key] = value;
    return this;
  }

  override delete(key: number): boolean {
    if (!this.has(key)) return false;
    this.#values[key] = undefined;
    this.#size -= 1;
    return true;
  }

  override clear(): void {
    this.#values = [];
    this.#size = 0;
  }

  override *entries(): MapIterator<[number, V]> {
    const values = this.#values;
    for (let key = 0; key < values.length; key++) {
      const value = values[key];
      if (value !== undefined) yield [key, value];
    }
  }

  override *keys(): MapIterator<number> {
    for (const [key] of this.entries()) yield key;
  }

  override *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  override [Symbol.iterator](): MapIterator<[number, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: number, map: Map<number, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

/** A `Map` whose entries are made on its first use, by `fill`. */
export class LazyMap<K, V> extends Map<K, V> {
  #fill: ((set: (key: K, value: V) => void) => void) | undefined;

  constructor(fill: (set: (key: K, value: V) => void) => void) {
    super();
    this.#fill = fill;
  }

  /** Whether no method has been called yet (the entries are not made). */
  get pristine(): boolean {
    return this.#fill !== undefined;
  }

  #ready(): void {
    const fill = this.#fill;
    if (!fill) return;
    this.#fill = undefined;
    fill((key, value) => {
      super.set(key, value);
    });
  }

  override get size(): number {
    this.#ready();
    return super.size;
  }

  override get(key: K): V | undefined {
    this.#ready();
    return super.get(key);
  }

  override has(key: K): boolean {
    this.#ready();
    return super.has(key);
  }

  override set(key: K, value: V): this {
    this.#ready();
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.#ready();
    return super.delete(key);
  }

  override clear(): void {
    this.#fill = undefined;
    super.clear();
  }

  override entries(): MapIterator<[K, V]> {
    this.#ready();
    return super.entries();
  }

  override keys(): MapIterator<K> {
    this.#ready();
    return super.keys();
  }

  override values(): MapIterator<V> {
    this.#ready();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.#ready();
    return super[Symbol.iterator]();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.#ready();
    super.forEach(callback, thisArg);
  }
}

/**
 * MiniSearch's `_fieldLength` (short id → each field's length) over lengths kept by field, each
 * array indexed by short id: `byField` is what ranking reads while the map is `pristine`. Until
 * then `get` and `has` read the arrays too (MiniSearch's own search, for "did you mean", reads
 * lengths this way): `get` returns a new array, which MiniSearch only writes into for a paragraph
 * it adds, and adding one makes the map (`set`).
 */
export class FieldLengths extends LazyMap<number, number[]> {
  readonly byField: readonly Float64Array[];
  /** By short id: 1 where a paragraph is present. */
  readonly #present: Uint8Array;

  /** `shortIds`: the paragraphs present, ascending (MiniSearch's order), each below the arrays' length. */
  constructor(byField: readonly Float64Array[], shortIds: Int32Array) {
    super((set) => {
      for (const shortId of shortIds) set(shortId, FieldLengths.#lengthsOf(byField, shortId));
    });
    this.byField = byField;
    this.#present = new Uint8Array(byField[0]?.length ?? 0);
    for (const shortId of shortIds) this.#present[shortId] = 1;
  }

  static #lengthsOf(byField: readonly Float64Array[], shortId: number): number[] {
    return Array.from(byField, (lengths) => lengths[shortId] as number);
  }

  /** Whether `shortId` is present. */
  #holds(shortId: number): boolean {
    return this.#present[shortId] === 1;
  }

  override get(shortId: number): number[] | undefined {
    if (!this.pristine) return super.get(shortId);
    return this.#holds(shortId) ? FieldLengths.#lengthsOf(this.byField, shortId) : undefined;
  }

  override has(shortId: number): boolean {
    return this.pristine ? this.#holds(shortId) : super.has(shortId);
  }
}
