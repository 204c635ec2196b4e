/**
 * Aho–Corasick automaton over UTF-16 code units: finds every occurrence of every term in
 * one pass, overlapping hits included. Hand-written rather than taken from npm because the
 * measured libraries were 2.5–7× slower on this workload (docs/decisions/0002-matcher.md)
 * and the hot path is the product's throughput.
 */

export interface Hit {
  /** Index of the term in the list given to the constructor. */
  readonly term: number;
  readonly start: number;
  readonly end: number;
}

export class AhoCorasick {
  /** Transitions from the root, by code unit: most characters fail here, so make it cheap. */
  private readonly rootNext = new Int32Array(65536).fill(0);
  private readonly next: Map<number, number>[] = [];
  private readonly fail: Int32Array;
  /** For each node: the terms ending here, own and inherited through fail links. */
  private readonly out: (Int32Array | null)[];
  private readonly termLength: Int32Array;

  constructor(terms: readonly string[]) {
    this.termLength = Int32Array.from(terms, (t) => t.length);
    const own: number[][] = [[]];
    this.next.push(new Map());
    terms.forEach((term, index) => {
      if (term.length === 0) throw new Error('empty term');
      let node = 0;
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i);
        let child = this.next[node]!.get(c);
        if (child === undefined) {
          child = this.next.length;
          this.next.push(new Map());
          own.push([]);
          this.next[node]!.set(c, child);
        }
        node = child;
      }
      own[node]!.push(index);
    });
    const size = this.next.length;
    this.fail = new Int32Array(size);
    const outLists: number[][] = own.map((o) => o.slice());
    // Breadth-first: a node's fail link points to the longest proper suffix that is a prefix.
    const queue: number[] = [];
    for (const [c, child] of this.next[0]!) {
      this.rootNext[c] = child;
      this.fail[child] = 0;
      queue.push(child);
    }
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (const [c, child] of this.next[node]!) {
        queue.push(child);
        let f = this.fail[node]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = f === 0 ? this.rootNext[c]! : this.next[f]!.get(c)!;
        this.fail[child] = target === child ? 0 : target;
        outLists[child]!.push(...outLists[this.fail[child]!]!);
      }
    }
    this.out = outLists.map((o) => (o.length > 0 ? Int32Array.from(o) : null));
  }

  /** Calls `onHit(term, start, end)` for every occurrence, in order of end position. */
  scan(text: string, onHit: (term: number, start: number, end: number) => void): void {
    let node = 0;
    const { rootNext, next, fail, out, termLength } = this;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      for (;;) {
        if (node === 0) {
          node = rootNext[c]!;
          break;
        }
        const child = next[node]!.get(c);
        if (child !== undefined) {
          node = child;
          break;
        }
        node = fail[node]!;
      }
      const o = out[node];
      if (o !== null && o !== undefined) {
        for (let k = 0; k < o.length; k++) {
          const t = o[k]!;
          onHit(t, i + 1 - termLength[t]!, i + 1);
        }
      }
    }
  }

  findAll(text: string): Hit[] {
    const hits: Hit[] = [];
    this.scan(text, (term, start, end) => hits.push({ term, start, end }));
    return hits;
  }
}
