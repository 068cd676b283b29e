/**
 * MiniSearch's search, evaluated into typed arrays: the scores, order and matches
 * `MiniSearch.search` would return for a query of OR-combined terms, without an object per
 * matching paragraph.
 *
 * Why: ranking reads every paragraph holding any query word (`rank.ts`), and on a large index a
 * common word or a short prefix matches tens of thousands. `MiniSearch.search` builds a result
 * object, a match object and a terms array per paragraph per sub-query, merges them, then sorts
 * them all; that was about 70 % of an autocomplete keystroke at 100,000 paragraphs. Here the same
 * postings are read with the same arithmetic, and objects are built only for the paragraphs a
 * caller keeps (`matchesOf`).
 *
 * Exactness is the contract (test/search/evaluate.test.ts compares with `MiniSearch.search`):
 * - each score is summed in MiniSearch's order and grouping (within a term, then each OR group,
 *   then across the query's terms), with its BM25+ expression, so the floating-point values are
 *   bit-identical — ranking breaks ties on them;
 * - `order` is MiniSearch's insertion order (the first time a paragraph is met, depth first),
 *   which is how `search` orders paragraphs of equal score;
 * - `all` is what the same terms combined with AND return, in MiniSearch's AND order (the last
 *   term's);
 * - postings of discarded paragraphs are dropped as MiniSearch drops them (`removeTerm`, and one
 *   paragraph fewer in that posting's IDF). One evaluation answers both the AND and the OR query,
 *   so on an index with discarded paragraphs the AND scores are those of a first search.
 *
 * Supported: the query shapes `buildQuery` writes (strings and nested OR groups with `fuzzy` and
 * `prefix`, and a node's own field `boost`), the index's search options (field boosts, weights, BM25 parameters); not
 * `boostDocument`, `boostTerm`, wildcards or nested AND (`evaluate` throws).
 */
import type MiniSearch from 'minisearch';
import type { Query } from 'minisearch';
import { Growable } from './growable.ts';
import { FieldLengths } from './short-id-maps.ts';

/** A term's postings by field id: paragraph short id → term frequency. */
type FieldPostings = Map<number, Map<number, number>>;

/** The parts of MiniSearch 7.x's state that searching reads (`MiniSearchState`, `inverted-index.ts`). */
interface Internals {
  _index: {
    get(term: string): FieldPostings | undefined;
    atPrefix(prefix: string): Iterable<[string, FieldPostings]>;
    fuzzyGet(term: string, distance: number): Map<string, [FieldPostings, number]>;
  };
  _documentCount: number;
  _documentIds: Map<number, string>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
  _dirtCount: number;
  _options: {
    tokenize: (text: string) => string[];
    processTerm: (term: string) => string | string[] | null | undefined | false;
    searchOptions: SearchDefaults;
  };
  removeTerm(fieldId: number, shortId: number, term: string): void;
}

interface SearchDefaults {
  boost?: Record<string, number>;
  weights?: { fuzzy?: number; prefix?: number };
  bm25?: { k: number; b: number; d: number };
  maxFuzzy?: number;
  boostDocument?: unknown;
  boostTerm?: unknown;
  fuzzy?: number | boolean;
  prefix?: boolean;
  tokenize?: (text: string) => string[];
  processTerm?: (term: string) => string | string[] | null | undefined | false;
}

/** MiniSearch 7's defaults for what the index's options leave unset. */
const DEFAULTS = { weights: { fuzzy: 0.45, prefix: 0.375 }, bm25: { k: 1.2, b: 0.7, d: 0.5 }, maxFuzzy: 6 };

/**
 * How a matched index term counts for the caller, asked once per (index term, field) read:
 * which query term it belongs to and a value kept as the best per paragraph and query term.
 */
export type Credit = (indexTerm: string, field: string) => { term: number; value: number } | undefined;

/**
 * One query's evaluation. Its arrays live in the index's scratch space (`Scratch`): read them
 * before evaluating another query over the same index.
 */
export interface Evaluation {
  /** Paragraphs holding any query term (the OR query), in MiniSearch's insertion order, as slots. */
  order: Int32Array;
  /** The same terms combined with AND, in MiniSearch's order for that query, as slots. */
  all: () => Int32Array;
  /** By slot: MiniSearch's summed score, before it multiplies by the query terms matched. */
  score: Float64Array;
  /** By slot: how many distinct query strings matched (`queryTerms.length` of a result). */
  sources: Uint8Array;
  /** By slot × query term: the best credit (`Credit`), 0 when the term did not match. */
  credit: Float64Array;
  /** The paragraph id of a slot. */
  id: (slot: number) => string;
  /** MiniSearch's short id of a slot's paragraph: what per-paragraph tables are indexed by. */
  shortId: (slot: number) => number;
  /** The slot of a paragraph by its short id; -1 when it holds none of the query's terms. */
  slotOf: (shortId: number) => number;
  /** Each slot's matched index terms and fields, exactly as a MiniSearch result's `match`. */
  matchesOf: (slots: ArrayLike<number>) => Record<string, string[]>[];
}

/**
 * One level of the query tree being summed: a score per slot and the slots in the order they
 * were added (a slot belongs to the level when its stamp is the level's current epoch).
 */
class Level {
  readonly score = new Growable(new Float64Array(256));
  readonly stamp = new Growable(new Int32Array(256));
  readonly order = new Growable(new Int32Array(256));
  size = 0;
  epoch = 0;

  reset(epoch: number): void {
    this.epoch = epoch;
    this.size = 0;
  }

  has(slot: number): boolean {
    return slot < this.stamp.values.length && this.stamp.values[slot] === this.epoch;
  }

  /** Adds `value` to the slot's sum, or starts it (as MiniSearch: `existing.score + score`). */
  add(slot: number, value: number): void {
    const stamp = this.stamp.reserve(slot);
    const score = this.score.reserve(slot);
    if (stamp[slot] === this.epoch) score[slot] = (score[slot] as number) + value;
    else {
      stamp[slot] = this.epoch;
      score[slot] = value;
      this.order.reserve(this.size)[this.size++] = slot;
    }
  }

  /** ORs a child level into this one, in the child's order. */
  merge(child: Level): void {
    const order = child.order.values;
    const score = child.score.values;
    for (let i = 0; i < child.size; i++) {
      const slot = order[i] as number;
      this.add(slot, score[slot] as number);
    }
  }
}

/**
 * Per-index arrays, built once per state of the index and reused by every query: an evaluation's
 * arrays are only valid until the next evaluation over the same index (a keystroke would
 * otherwise leave megabytes of arrays behind for the collector).
 */
interface Scratch {
  nextId: number;
  documentCount: number;
  /** Field length by field id, then short id. */
  lengths: Float64Array[];
  /** Short id → slot of the current evaluation, valid where `slotEpoch` equals `epoch`. */
  slotOf: Int32Array;
  slotEpoch: Int32Array;
  epoch: number;
  /** By slot: short id, credits, query strings and terms matched (zeroed up to `used`). */
  docs: Growable<Int32Array>;
  credits: Growable<Float64Array>;
  sources: Growable<Uint8Array>;
  matchedTerms: Growable<Uint8Array>;
  used: { slots: number; credits: number };
  readSlots: Growable<Int32Array>;
  readVisits: Growable<Int32Array>;
  levels: Level[];
  levelEpoch: number;
}

const scratches = new WeakMap<object, Scratch>();

function scratchOf(state: Internals): Scratch {
  let scratch = scratches.get(state);
  if (!scratch || scratch.nextId !== state._nextId || scratch.documentCount !== state._documentCount) {
    const fields = Object.values(state._fieldIds);
    // An index loaded from the cache has its lengths in these arrays already (`short-id-maps.ts`).
    const packed =
      state._fieldLength instanceof FieldLengths && state._fieldLength.pristine
        ? state._fieldLength.byField
        : null;
    const lengths = packed ? [...packed] : fields.map(() => new Float64Array(state._nextId));
    if (!packed)
      for (const [shortId, perField] of state._fieldLength)
        for (const fieldId of fields)
          (lengths[fieldId] as Float64Array)[shortId] = perField[fieldId] as number;
    scratch = {
      nextId: state._nextId,
      documentCount: state._documentCount,
      lengths,
      slotOf: new Int32Array(state._nextId),
      slotEpoch: new Int32Array(state._nextId),
      epoch: 0,
      docs: new Growable(new Int32Array(1024)),
      credits: new Growable(new Float64Array(1024)),
      sources: new Growable(new Uint8Array(1024)),
      matchedTerms: new Growable(new Uint8Array(1024)),
      used: { slots: 0, credits: 0 },
      readSlots: new Growable(new Int32Array(4096)),
      readVisits: new Growable(new Int32Array(4096)),
      levels: [],
      levelEpoch: 0,
    };
    scratches.set(state, scratch);
  }
  return scratch;
}

interface Visit {
  term: string;
  field: string;
  postings: Map<number, number>;
  /** Which spec (one string of the query, searched alone) read it: later specs replace its fields. */
  spec: number;
}

interface Options {
  combineWith?: string;
  fuzzy?: number | boolean;
  prefix?: boolean;
  /** Field boosts, the index's unless a node sets its own (as MiniSearch merges a node's options). */
  boost?: Record<string, number>;
}

/**
 * Evaluates `terms` (each a MiniSearch query, as `buildQuery` writes them) as MiniSearch would
 * search `{ combineWith: 'OR', queries: terms }` — and, from the same pass, with AND — over
 * `fields`, crediting matches through `credit` for `creditTerms` query terms.
 */
export function evaluate(
  index: MiniSearch<never> | MiniSearch<object>,
  terms: readonly Query[],
  fields: readonly string[],
  credit: Credit,
  creditTerms: number,
): Evaluation {
  const state = index as unknown as Internals;
  const defaults = state._options.searchOptions;
  if (defaults.boostDocument || defaults.boostTerm)
    throw new Error('boostDocument and boostTerm are not supported');
  const weights = { ...DEFAULTS.weights, ...defaults.weights };
  const bm25 = defaults.bm25 ?? DEFAULTS.bm25;
  const maxFuzzy = defaults.maxFuzzy ?? DEFAULTS.maxFuzzy;
  const tokenize = defaults.tokenize ?? state._options.tokenize;
  const processTerm = defaults.processTerm ?? state._options.processTerm;
  const fieldIds = fields.map((field) => ({ field, id: state._fieldIds[field] as number }));
  const scratch = scratchOf(state);
  const { lengths, slotOf, slotEpoch, docs, credits, sources, matchedTerms, levels } = scratch;
  scratch.epoch = scratch.epoch >= 0x7ffffff0 ? 1 : scratch.epoch + 1;
  if (scratch.epoch === 1) slotEpoch.fill(0);
  const queryEpoch = scratch.epoch;
  sources.values.fill(0, 0, scratch.used.slots);
  matchedTerms.values.fill(0, 0, scratch.used.slots);
  credits.values.fill(0, 0, scratch.used.credits);
  const visits: Visit[] = [];
  // Which slot read which visit, in reading order: the matches of the slots a caller keeps.
  const { readSlots, readVisits } = scratch;
  let reads = 0;
  let slots = 0;
  const levelAt = (depth: number): Level => {
    while (levels.length <= depth) levels.push(new Level());
    const level = levels[depth] as Level;
    if (scratch.levelEpoch >= 0x7ffffff0) {
      for (const each of levels) each.stamp.values.fill(0);
      scratch.levelEpoch = 0;
    }
    level.reset(++scratch.levelEpoch);
    return level;
  };
  // A query string met in several specs counts once per paragraph: those get a stamp per slot.
  const sourceCount = new Map<string, number>();
  const seenBySource = new Map<string, Growable<Int32Array>>();
  let specs = 0;

  const slotFor = (shortId: number): number => {
    if (slotEpoch[shortId] === queryEpoch) return slotOf[shortId] as number;
    slotEpoch[shortId] = queryEpoch;
    slotOf[shortId] = slots;
    docs.reserve(slots)[slots] = shortId;
    sources.reserve(slots);
    credits.reserve((slots + 1) * creditTerms - 1);
    return slots++;
  };

  /** One index term's postings in one field, as MiniSearch's `termResults`. */
  function read(
    level: Level,
    term: string,
    weight: number,
    data: FieldPostings | undefined,
    spec: number,
    boost: Options['boost'],
  ) {
    if (!data) return;
    for (const { field, id: fieldId } of fieldIds) {
      const postings = data.get(fieldId);
      if (!postings) continue;
      let matching = postings.size;
      const average = state._avgFieldLength[fieldId] as number;
      const fieldLengths = lengths[fieldId] as Float64Array;
      const factor = weight * (boost?.[field] || 1);
      const counted = credit(term, field);
      const visit = visits.push({ term, field, postings, spec }) - 1;
      const { k, b, d } = bm25;
      const total = state._documentCount;
      const dirty = state._dirtCount > 0;
      // The term's IDF, computed once per posting list (again only when a discarded paragraph's
      // posting is dropped): a logarithm per posting was a good part of reading a common word.
      let idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
      // Room for every posting's read at once, rather than a check per posting.
      const readSlot = readSlots.reserve(reads + postings.size);
      const readVisit = readVisits.reserve(reads + postings.size);
      for (const [shortId, frequency] of postings) {
        if (dirty && !state._documentIds.has(shortId)) {
          state.removeTerm(fieldId, shortId, term);
          matching -= 1;
          idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
          continue;
        }
        const length = fieldLengths[shortId] as number;
        const raw = idf * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * length) / average)));
        const slot = slotFor(shortId);
        level.add(slot, factor * raw);
        if (counted) {
          const at = slot * creditTerms + counted.term;
          const values = credits.values;
          if (counted.value > (values[at] as number)) values[at] = counted.value;
        }
        readSlot[reads] = slot;
        readVisit[reads++] = visit;
      }
    }
  }

  /** One string searched alone: MiniSearch's `executeQuerySpec`. */
  function spec(level: Level, term: string, options: Options) {
    const at = specs++;
    read(level, term, 1, state._index.get(term), at, options.boost);
    const fuzzy = options.fuzzy === true ? 0.2 : options.fuzzy;
    const fuzzyMatches = fuzzy
      ? state._index.fuzzyGet(term, fuzzy < 1 ? Math.min(maxFuzzy, Math.round(term.length * fuzzy)) : fuzzy)
      : undefined;
    if (options.prefix === true) {
      for (const [derived, data] of state._index.atPrefix(term)) {
        const distance = derived.length - term.length;
        if (!distance) continue;
        fuzzyMatches?.delete(derived);
        const weight = (weights.prefix * derived.length) / (derived.length + 0.3 * distance);
        read(level, derived, weight, data, at, options.boost);
      }
    }
    if (fuzzyMatches) {
      for (const [derived, [data, distance]] of fuzzyMatches) {
        if (!distance) continue;
        read(
          level,
          derived,
          (weights.fuzzy * derived.length) / (derived.length + distance),
          data,
          at,
          options.boost,
        );
      }
    }
    countSource(term, level);
  }

  function countSource(term: string, level: Level) {
    const order = level.order.values;
    const values = sources.reserve(slots);
    if ((sourceCount.get(term) ?? 0) === 1) {
      for (let i = 0; i < level.size; i++) {
        const slot = order[i] as number;
        values[slot] = (values[slot] as number) + 1;
      }
      return;
    }
    const seen = seenBySource.get(term) ?? new Growable(new Int32Array(slots));
    seenBySource.set(term, seen);
    const stamps = seen.reserve(slots);
    for (let i = 0; i < level.size; i++) {
      const slot = order[i] as number;
      if (stamps[slot] === queryEpoch) continue;
      stamps[slot] = queryEpoch;
      values[slot] = (values[slot] as number) + 1;
    }
  }

  /** Any node of the query tree into `level`: MiniSearch's `executeQuery` and `combineResults`. */
  function node(query: Query, inherited: Options, depth: number, level: Level) {
    if (typeof query !== 'string') {
      if (typeof query === 'symbol') throw new Error('wildcard queries are not supported');
      const options: Options = { ...inherited, ...(query as Options) };
      if (options.combineWith !== undefined && options.combineWith.toLowerCase() !== 'or')
        throw new Error('only OR groups are supported inside a term');
      for (const child of query.queries) {
        const sub = levelAt(depth + 1);
        node(child, options, depth + 1, sub);
        level.merge(sub);
      }
      return;
    }
    const strings = strings_(query);
    if (strings.length === 1) spec(level, strings[0] as string, inherited);
    else
      for (const string of strings) {
        const sub = levelAt(depth + 1);
        spec(sub, string, inherited);
        level.merge(sub);
      }
  }

  function strings_(query: string): string[] {
    return tokenize(query)
      .flatMap((token) => processTerm(token))
      .filter((term): term is string => !!term);
  }

  // Count how often each query string is searched: most are searched once, and count as one.
  const countStrings = (query: Query): void => {
    if (typeof query === 'string')
      for (const string of strings_(query)) sourceCount.set(string, (sourceCount.get(string) ?? 0) + 1);
    else if (typeof query !== 'symbol') query.queries.forEach(countStrings);
  };
  terms.forEach(countStrings);

  // The top level, ORed; each slot also counts how many terms matched it, for the AND query.
  const top = levelAt(0);
  let last: Int32Array = new Int32Array(0);
  terms.forEach((term, t) => {
    const sub = levelAt(1);
    node(term, { fuzzy: defaults.fuzzy, prefix: defaults.prefix, boost: defaults.boost }, 1, sub);
    top.merge(sub);
    const counts = matchedTerms.reserve(slots);
    const order = sub.order.values;
    for (let i = 0; i < sub.size; i++) {
      const slot = order[i] as number;
      counts[slot] = (counts[slot] as number) + 1;
    }
    if (t === terms.length - 1) last = order.slice(0, sub.size);
  });
  scratch.used = { slots, credits: slots * creditTerms };

  const score = top.score.reserve(slots);
  return {
    order: top.order.values.subarray(0, top.size),
    all: () => {
      const counts = matchedTerms.values;
      return terms.length === 0 ? new Int32Array(0) : last.filter((slot) => counts[slot] === terms.length);
    },
    score,
    sources: sources.reserve(slots),
    credit: credits.reserve(slots * creditTerms),
    id: (slot) => state._documentIds.get(docs.values[slot] as number) as string,
    shortId: (slot) => docs.values[slot] as number,
    slotOf: (shortId) => (slotEpoch[shortId] === queryEpoch ? (slotOf[shortId] as number) : -1),
    matchesOf: (wanted) => {
      const row = new Int32Array(slots).fill(-1);
      const matches: Record<string, string[]>[] = [];
      const lastSpec: Map<string, number>[] = [];
      for (let i = 0; i < wanted.length; i++) {
        row[wanted[i] as number] = i;
        matches.push({});
        lastSpec.push(new Map());
      }
      const readSlot = readSlots.values;
      const readVisit = readVisits.values;
      for (let i = 0; i < reads; i++) {
        const at = row[readSlot[i] as number] as number;
        if (at < 0) continue;
        const { term, field, spec } = visits[readVisit[i] as number] as Visit;
        const match = matches[at] as Record<string, string[]>;
        const specs = lastSpec[at] as Map<string, number>;
        // Within one spec a term's fields accumulate; a later spec's replace them (Object.assign).
        if (specs.get(term) === spec) (match[term] as string[]).push(field);
        else {
          match[term] = [field];
          specs.set(term, spec);
        }
      }
      return matches;
    },
  };
}
