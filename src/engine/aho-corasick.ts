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

/**
 * A built automaton as flat arrays: what the build stores (src/data/engine-tables.ts) so that
 * a run adopts it instead of building it again. `out` is flattened: node n's terms are
 * outData[outStart[n] .. outStart[n + 1]).
 */
export interface AutomatonTables {
  readonly terms: readonly string[];
  readonly rootNext: Int32Array;
  readonly keyNode: Int32Array;
  readonly keyUnit: Int32Array;
  readonly child: Int32Array;
  readonly fail: Int32Array;
  readonly outStart: Int32Array;
  readonly outData: Int32Array;
  readonly termLength: Int32Array;
  readonly inAlphabet: Uint8Array;
}

/** Where `collect` records hits: reused from one text to the next, grown as needed. */
export class HitBuffer {
  term = new Int32Array(256);
  end = new Int32Array(256);
  count = 0;

  grow(): void {
    const term = new Int32Array(this.term.length * 2);
    term.set(this.term);
    const end = new Int32Array(this.end.length * 2);
    end.set(this.end);
    this.term = term;
    this.end = end;
  }
}

/** Tables offered for the next automaton built over exactly their terms. */
let offered: AutomatonTables | undefined;

export class AhoCorasick {
  /** Transitions from the root, by code unit: most characters fail here, so make it cheap. */
  private readonly rootNext: Int32Array = new Int32Array(65536);
  /** Transitions below the root: an open-addressing hash of (node, unit) → child. */
  private readonly keyNode: Int32Array;
  private readonly keyUnit: Int32Array;
  private readonly child: Int32Array;
  private readonly mask: number;
  private readonly fail: Int32Array;
  /**
   * For each node: a 32-bit filter of its children's units (bit unit & 31). A unit whose bit
   * is clear has no child there, so the scan follows the fail link without a hash probe —
   * most nodes have one or two children, and most units fail.
   */
  private readonly childBits: Int32Array;
  /** For each node: the terms ending here, own and inherited through fail links. */
  private readonly outStart: Int32Array;
  private readonly outData: Int32Array;
  private readonly termLength: Int32Array;
  /** 1 for code units that occur in some term: any other unit sends the scan back to the root. */
  private readonly inAlphabet: Uint8Array = new Uint8Array(65536);

  /**
   * Offers tables made by `tables()` (the build's): an automaton later built over exactly the
   * same terms, in the same order, adopts them instead of building its own — they are that
   * automaton. Any other term list is built as usual.
   */
  static offer(tables: AutomatonTables | undefined): void {
    offered = tables;
  }

  constructor(terms: readonly string[]) {
    const pre = offered;
    if (pre !== undefined && sameTerms(pre.terms, terms)) {
      this.termLength = pre.termLength;
      this.rootNext = pre.rootNext;
      this.inAlphabet = pre.inAlphabet;
      this.keyNode = pre.keyNode;
      this.keyUnit = pre.keyUnit;
      this.child = pre.child;
      this.mask = pre.keyNode.length - 1;
      this.fail = pre.fail;
      this.outStart = pre.outStart;
      this.outData = pre.outData;
      this.childBits = childBits(this.keyNode, this.keyUnit, pre.fail.length);
      return;
    }
    this.termLength = Int32Array.from(terms, (t) => t.length);
    // The trie is built in flat arrays and one map keyed by (node, unit), not a Map per node:
    // with thousands of terms the per-node maps cost more in allocation and garbage
    // collection than the rest of start-up. Children are kept in insertion order (a linked
    // list per node), so the automaton — fail links and output order — is the one a map per
    // node gave.
    const edge = new Map<number, number>();
    const key = (node: number, unit: number): number => node * 65536 + unit;
    const firstChild: number[] = [-1];
    const lastChild: number[] = [-1];
    const sibling: number[] = [-1];
    const unitOf: number[] = [0];
    const own = new Map<number, number[]>();
    terms.forEach((term, index) => {
      if (term.length === 0) throw new Error('empty term');
      let node = 0;
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i);
        this.inAlphabet[c] = 1;
        let child = edge.get(key(node, c));
        if (child === undefined) {
          child = unitOf.length;
          unitOf.push(c);
          firstChild.push(-1);
          lastChild.push(-1);
          sibling.push(-1);
          edge.set(key(node, c), child);
          if (lastChild[node] === -1) firstChild[node] = child;
          else sibling[lastChild[node]!] = child;
          lastChild[node] = child;
        }
        node = child;
      }
      const list = own.get(node);
      if (list === undefined) own.set(node, [index]);
      else list.push(index);
    });
    const size = unitOf.length;
    this.fail = new Int32Array(size);
    const outLists: (number[] | undefined)[] = new Array<number[] | undefined>(size);
    for (const [node, list] of own) outLists[node] = list.slice();
    // Breadth-first: a node's fail link points to the longest proper suffix that is a prefix.
    const queue: number[] = [];
    for (let child = firstChild[0]!; child !== -1; child = sibling[child]!) {
      this.rootNext[unitOf[child]!] = child;
      this.fail[child] = 0;
      queue.push(child);
    }
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (let child = firstChild[node]!; child !== -1; child = sibling[child]!) {
        const c = unitOf[child]!;
        queue.push(child);
        let f = this.fail[node]!;
        while (f !== 0 && !edge.has(key(f, c))) f = this.fail[f]!;
        const target = f === 0 ? this.rootNext[c]! : edge.get(key(f, c))!;
        this.fail[child] = target === child ? 0 : target;
        const inherited = outLists[this.fail[child]!];
        if (inherited !== undefined && inherited.length > 0) {
          const mine = outLists[child];
          if (mine === undefined) outLists[child] = inherited.slice();
          else mine.push(...inherited);
        }
      }
    }
    // Flat: node n's terms are outData[outStart[n] .. outStart[n + 1]).
    this.outStart = new Int32Array(size + 1);
    for (let node = 0; node < size; node++) this.outStart[node + 1] = this.outStart[node]! + (outLists[node]?.length ?? 0);
    this.outData = new Int32Array(this.outStart[size]!);
    for (let node = 0; node < size; node++) {
      const o = outLists[node];
      if (o !== undefined) this.outData.set(o, this.outStart[node]!);
    }

    // Every node but the root has one parent: the edges below the root are the nodes minus the root's children.
    const edges = size - 1 - countChildren(firstChild, sibling, 0);
    let cap = 16;
    while (cap < edges * 4) cap <<= 1;
    this.mask = cap - 1;
    this.keyNode = new Int32Array(cap).fill(-1);
    this.keyUnit = new Int32Array(cap);
    this.child = new Int32Array(cap);
    for (let node = 1; node < size; node++) {
      for (let ch = firstChild[node]!; ch !== -1; ch = sibling[ch]!) {
        const c = unitOf[ch]!;
        let h = hash(node, c) & this.mask;
        while (this.keyNode[h] !== -1) h = (h + 1) & this.mask;
        this.keyNode[h] = node;
        this.keyUnit[h] = c;
        this.child[h] = ch;
      }
    }
    this.childBits = childBits(this.keyNode, this.keyUnit, size);
  }

  /**
   * Calls `onHit(term, start, end)` for every occurrence, in order of end position: the
   * occurrences `collect` records, one call each (one walk of the automaton for both).
   */
  scan(text: string, onHit: (term: number, start: number, end: number) => void): void {
    const hits = new HitBuffer();
    this.collect(text, hits, Number.POSITIVE_INFINITY);
    for (let k = 0; k < hits.count; k++) {
      const t = hits.term[k]!;
      const end = hits.end[k]!;
      onHit(t, end - this.termLength[t]!, end);
    }
  }

  /**
   * The hot path's scan: records every occurrence in `hits` (term and end, in order of end
   * position, as `scan` reports them), at most `max` of them. No call per hit. False when `max`
   * cut the scan short, so that the end of the text was not read. (Every occurrence counts: a
   * cap per term, tried, let an ask hide after a thousand repeats of its own words.)
   */
  collect(text: string, hits: HitBuffer, max: number): boolean {
    let node = 0;
    let count = 0;
    let whole = true;
    let hitTerm = hits.term;
    let hitEnd = hits.end;
    const { rootNext, fail, outStart, outData, inAlphabet, keyNode, keyUnit, child, mask, childBits } = this;
    scan: for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inAlphabet[c] === 0) {
        node = 0;
        continue;
      }
      for (;;) {
        if (node === 0) {
          node = rootNext[c]!;
          break;
        }
        if ((childBits[node]! & (1 << (c & 31))) === 0) {
          node = fail[node]!;
          continue;
        }
        let h = hash(node, c) & mask;
        let found = -1;
        for (let k = keyNode[h]!; k !== -1; k = keyNode[h]!) {
          if (k === node && keyUnit[h] === c) {
            found = child[h]!;
            break;
          }
          h = (h + 1) & mask;
        }
        if (found !== -1) {
          node = found;
          break;
        }
        node = fail[node]!;
      }
      for (let k = outStart[node]!, stop = outStart[node + 1]!; k < stop; k++) {
        if (count === max) {
          whole = false;
          break scan;
        }
        if (count === hitTerm.length) {
          hits.grow();
          hitTerm = hits.term;
          hitEnd = hits.end;
        }
        hitTerm[count] = outData[k]!;
        hitEnd[count] = i + 1;
        count++;
      }
    }
    hits.count = count;
    return whole;
  }

  /** The length of term `t`. */
  termLengthOf(t: number): number {
    return this.termLength[t]!;
  }

  /** The automaton as flat arrays (see AutomatonTables), for `offer` in a later run. */
  tables(terms: readonly string[]): AutomatonTables {
    if (terms.length !== this.termLength.length || terms.some((t, i) => t.length !== this.termLength[i])) {
      throw new Error('tables(): not the terms this automaton was built over');
    }
    return { terms: [...terms], rootNext: this.rootNext, keyNode: this.keyNode, keyUnit: this.keyUnit, child: this.child, fail: this.fail, outStart: this.outStart, outData: this.outData, termLength: this.termLength, inAlphabet: this.inAlphabet };
  }

  findAll(text: string): Hit[] {
    const hits: Hit[] = [];
    this.scan(text, (term, start, end) => hits.push({ term, start, end }));
    return hits;
  }
}

/** The children filter of every node (see `childBits` above), from the transition hash. */
function childBits(keyNode: Int32Array, keyUnit: Int32Array, nodes: number): Int32Array {
  const bits = new Int32Array(nodes);
  for (let h = 0; h < keyNode.length; h++) {
    const node = keyNode[h]!;
    if (node >= 0 && node < nodes) bits[node]! |= 1 << (keyUnit[h]! & 31);
  }
  return bits;
}

function hash(node: number, unit: number): number {
  return Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b);
}

function countChildren(firstChild: readonly number[], sibling: readonly number[], node: number): number {
  let n = 0;
  for (let ch = firstChild[node]!; ch !== -1; ch = sibling[ch]!) n++;
  return n;
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
