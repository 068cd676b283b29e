/**
 * A typed array that doubles when an index past its end is asked for: the index build
 * (`postings.ts`) and query evaluation (`evaluate.ts`) fill columns of numbers whose final length
 * they learn only as they go.
 */
export class Growable<T extends Float64Array | Int32Array | Uint32Array | Uint8Array> {
  values: T;
  constructor(values: T) {
    this.values = values;
  }
  /** Makes room for index `at`; returns the (possibly new) array. */
  reserve(at: number): T {
    if (at >= this.values.length) {
      const bigger = new (this.values.constructor as new (length: number) => T)(
        Math.max(2 * this.values.length, at + 1),
      );
      bigger.set(this.values);
      this.values = bigger;
    }
    return this.values;
  }
}
