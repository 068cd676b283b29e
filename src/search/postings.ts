/**
 * Compact posting lists for MiniSearch's index.
 *
 * MiniSearch keeps, for every term and field, a `Map` from a paragraph's short id to how often the
 * term occurs in it: at 100k paragraphs that is about 4.5 million map entries, most of the heap
 * and most of a cache load's time (each entry recreated one by one). Here every posting lives in
 * three shared typed arrays (paragraphs, frequencies, list offsets) and each term–field pair is a
 * small `PostingList` view that answers the `Map` methods MiniSearch calls on it (`get`, `has`,
 * `size`, `keys`, iteration, and `set`/`delete` for incremental updates). Built in one pass from
 * analysed paragraphs (`PostingsBuilder`) or read back from the cache (`Postings`), with the
 * same contents, iteration order and therefore the same scores as MiniSearch's own maps.
 */
import { Growable } from './growable.ts';

/** The arrays every posting list of one index points into. */
export interface Postings {
  /** Paragraph short ids, ascending within each list. */
  docs: Int32Array;
  /** How often the term occurs in that paragraph's field. */
  freqs: Uint16Array | Uint32Array;
}

/**
 * One term's postings in one field: a `Map<shortId, frequency>` as far as MiniSearch can tell.
 * Read-only lists cost 8 bytes of array per posting; the first change (a live update adding or
 * discarding a paragraph) turns the list into a real `Map`, which then answers everything.
 */
export class PostingList {
  readonly #postings: Postings;
  readonly #start: number;
  readonly #end: number;
  /** Where the last `keys()` iteration stood: MiniSearch asks `get` for the key it was just given. */
  #cursor: number;
  #map: Map<number, number> | undefined;

  constructor(postings: Postings, start: number, end: number) {
    this.#postings = postings;
    this.#start = start;
    this.#end = end;
    this.#cursor = start;
  }

  get size(): number {
    return this.#map ? this.#map.size : this.#end - this.#start;
  }

  /** Position of a paragraph in the arrays, or -1. */
  #find(doc: number): number {
    const { docs } = this.#postings;
    if (this.#cursor < this.#end && docs[this.#cursor] === doc) return this.#cursor;
    let low = this.#start;
    let high = this.#end - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = docs[middle] as number;
      if (at === doc) return middle;
      if (at < doc) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  get(doc: number): number | undefined {
    if (this.#map) return this.#map.get(doc);
    const at = this.#find(doc);
    return at < 0 ? undefined : this.#postings.freqs[at];
  }

  has(doc: number): boolean {
    return this.#map ? this.#map.has(doc) : this.#find(doc) >= 0;
  }

  set(doc: number, freq: number): this {
    this.#mutable().set(doc, freq);
    return this;
  }

  delete(doc: number): boolean {
    return this.#mutable().delete(doc);
  }

  #mutable(): Map<number, number> {
    this.#map ??= new Map(this.entries());
    return this.#map;
  }

  *keys(): IterableIterator<number> {
    if (this.#map) {
      yield* this.#map.keys();
      return;
    }
    const { docs } = this.#postings;
    for (let at = this.#start; at < this.#end; at++) {
      this.#cursor = at;
      yield docs[at] as number;
    }
  }

  *entries(): IterableIterator<[number, number]> {
    if (this.#map) {
      yield* this.#map.entries();
      return;
    }
    const { docs, freqs } = this.#postings;
    for (let at = this.#start; at < this.#end; at++) yield [docs[at] as number, freqs[at] as number];
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }
}

/** A term's postings by field id, in the order the fields first had the term (MiniSearch's order). */
export type TermPostings = Map<number, PostingList | Map<number, number>>;

/**
 * Postings packed for the cache or another thread: `terms` lists, per term in the index's order,
 * a run of `pairs`; a pair is a field id and a run of `docs`/`freqs`.
 */
export interface PackedPostings extends Postings {
  /** Term i's pairs are `pairStart[i] .. pairStart[i + 1]`. */
  pairStart: Int32Array;
  pairField: Uint8Array;
  /** Pair j's postings are `docStart[j] .. docStart[j + 1]`. */
  docStart: Int32Array;
}

/** The smallest array that holds every frequency (a paragraph rarely repeats a word 65,536 times). */
function frequencyArray(values: Uint32Array, length: number): Uint16Array | Uint32Array {
  let max = 0;
  for (let i = 0; i < length; i++) max = Math.max(max, values[i] as number);
  return max <= 0xffff ? Uint16Array.from(values.subarray(0, length)) : values.slice(0, length);
}

/** Packs term postings, whatever they are (compact lists or MiniSearch's maps), in the given order. */
export function packPostings(terms: readonly TermPostings[]): PackedPostings {
  let pairs = 0;
  let total = 0;
  for (const fields of terms) {
    pairs += fields.size;
    for (const list of fields.values()) total += list.size;
  }
  const pairStart = new Int32Array(terms.length + 1);
  const pairField = new Uint8Array(pairs);
  const docStart = new Int32Array(pairs + 1);
  const docs = new Int32Array(total);
  const freqs = new Uint32Array(total);
  let pair = 0;
  let at = 0;
  terms.forEach((fields, term) => {
    pairStart[term] = pair;
    for (const [field, list] of fields) {
      pairField[pair] = field;
      docStart[pair] = at;
      for (const [doc, freq] of list) {
        docs[at] = doc;
        freqs[at] = freq;
        at += 1;
      }
      pair += 1;
    }
  });
  pairStart[terms.length] = pair;
  docStart[pair] = at;
  return { pairStart, pairField, docStart, docs, freqs: frequencyArray(freqs, total) };
}

/** Term `i`'s postings as compact lists over the packed arrays. */
export function termPostings(packed: PackedPostings, term: number): TermPostings {
  const fields: TermPostings = new Map();
  const end = packed.pairStart[term + 1] as number;
  for (let pair = packed.pairStart[term] as number; pair < end; pair++) {
    const list = new PostingList(
      packed,
      packed.docStart[pair] as number,
      packed.docStart[pair + 1] as number,
    );
    fields.set(packed.pairField[pair] as number, list);
  }
  return fields;
}

/** Number of terms a packed set of postings holds. */
export const termCount = (packed: PackedPostings) => packed.pairStart.length - 1;

/**
 * Collects postings paragraph by paragraph, in one pass, for a whole index: each distinct term
 * is looked up once per paragraph and field in a hash map instead of MiniSearch's radix tree per
 * occurrence. Paragraphs must come in ascending short id order, as MiniSearch numbers them.
 */
export class PostingsBuilder {
  readonly #fieldCount: number;
  /** Term → its number, in the order first seen (the order MiniSearch inserts terms). */
  readonly #termIds = new Map<string, number>();
  readonly #terms: string[] = [];
  /** Per term–field pair (term × fields + field): the last paragraph that had it and where. */
  readonly #lastDoc = new Growable(new Int32Array(1024));
  readonly #lastAt = new Growable(new Int32Array(1024));
  /** Term–field pairs in the order first seen: a term's fields in MiniSearch's order. */
  readonly #pairOrder = new Growable(new Int32Array(1024));
  #pairs = 0;
  /** One posting per paragraph and pair: its pair, paragraph and frequency. */
  readonly #postingPair = new Growable(new Int32Array(1024));
  readonly #postingDoc = new Growable(new Int32Array(1024));
  readonly #postingFreq = new Growable(new Uint32Array(1024));
  #postings = 0;

  constructor(fieldCount: number) {
    this.#fieldCount = fieldCount;
  }

  /** Adds one paragraph's field; returns its number of distinct terms (MiniSearch's field length). */
  add(doc: number, field: number, terms: readonly string[]): number {
    let distinct = 0;
    for (const term of terms) {
      let id = this.#termIds.get(term);
      if (id === undefined) {
        id = this.#terms.length;
        this.#termIds.set(term, id);
        this.#terms.push(term);
        const size = (id + 1) * this.#fieldCount;
        this.#lastDoc.reserve(size - 1).fill(-1, id * this.#fieldCount, size);
        this.#lastAt.reserve(size - 1);
      }
      const pair = id * this.#fieldCount + field;
      const lastDoc = this.#lastDoc.values;
      if (lastDoc[pair] === doc) {
        const at = this.#lastAt.values[pair] as number;
        this.#postingFreq.values[at] = (this.#postingFreq.values[at] as number) + 1;
        continue;
      }
      if (lastDoc[pair] === -1) this.#pairOrder.reserve(this.#pairs)[this.#pairs++] = pair;
      distinct += 1;
      lastDoc[pair] = doc;
      const at = this.#postings++;
      this.#lastAt.values[pair] = at;
      this.#postingPair.reserve(at)[at] = pair;
      this.#postingDoc.reserve(at)[at] = doc;
      this.#postingFreq.reserve(at)[at] = 1;
    }
    return distinct;
  }

  /**
   * The terms in the order first seen, with their postings packed in that order; each term's
   * fields in the order they first had it.
   */
  finish(): { terms: string[]; packed: PackedPostings } {
    const fields = this.#fieldCount;
    const pairSlots = this.#terms.length * fields;
    // Postings per pair, then each pair's place: a counting sort keeps paragraphs ascending.
    const count = new Int32Array(pairSlots);
    const postingPair = this.#postingPair.values;
    for (let i = 0; i < this.#postings; i++) {
      const slot = postingPair[i] as number;
      count[slot] = (count[slot] as number) + 1;
    }
    // Pairs laid out term by term, each term's fields in first-seen order.
    const firstSeen = new Int32Array(pairSlots).fill(-1);
    for (let i = 0; i < this.#pairs; i++) firstSeen[this.#pairOrder.values[i] as number] = i;
    const pairStart = new Int32Array(this.#terms.length + 1);
    const pairField = new Uint8Array(this.#pairs);
    const docStart = new Int32Array(this.#pairs + 1);
    const slotStart = new Int32Array(pairSlots);
    let pair = 0;
    let at = 0;
    const order: number[] = [];
    for (let term = 0; term < this.#terms.length; term++) {
      pairStart[term] = pair;
      order.length = 0;
      for (let field = 0; field < fields; field++) {
        if ((firstSeen[term * fields + field] as number) >= 0) order.push(field);
      }
      order.sort(
        (a, b) => (firstSeen[term * fields + a] as number) - (firstSeen[term * fields + b] as number),
      );
      for (const field of order) {
        const slot = term * fields + field;
        pairField[pair] = field;
        docStart[pair] = at;
        slotStart[slot] = at;
        at += count[slot] as number;
        pair += 1;
      }
    }
    pairStart[this.#terms.length] = pair;
    docStart[pair] = at;
    const docs = new Int32Array(this.#postings);
    const freqs = new Uint32Array(this.#postings);
    const postingDoc = this.#postingDoc.values;
    const postingFreq = this.#postingFreq.values;
    for (let i = 0; i < this.#postings; i++) {
      const slot = postingPair[i] as number;
      const to = slotStart[slot] as number;
      slotStart[slot] = to + 1;
      docs[to] = postingDoc[i] as number;
      freqs[to] = postingFreq[i] as number;
    }
    return {
      terms: this.#terms,
      packed: { pairStart, pairField, docStart, docs, freqs: frequencyArray(freqs, this.#postings) },
    };
  }
}
