/**
 * Runs compiled rules over a normalised text: which signals fired, and where. Spans are in
 * the compact matching form here; `check` maps them back to the original text.
 *
 * This is the hot path of `classify`, so term hits live in flat typed arrays that are reused
 * from one call to the next (one set per compiled rule set), with a linked list per term.
 */
import type { NormalisedText } from './normalise.js';
import type { CompiledRules, CompiledSignal } from './rules.js';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface SignalMatch {
  readonly signal: CompiledSignal;
  /** Matched term spans, in text order, at most MAX_SPANS. */
  readonly spans: readonly Span[];
}

const MAX_SPANS = 20;
/** Negation terms longer than this could overlap a match's start from further right. */
const MAX_NEGATION_LENGTH = 16;
/** Hits recorded per text; beyond this a huge text is judged on its first hits. */
const MAX_HITS = 50_000;

class Scratch {
  hitTerm = new Int32Array(256);
  hitStart = new Int32Array(256);
  hitEnd = new Int32Array(256);
  nextHit = new Int32Array(256);
  count = 0;
  readonly firstHit: Int32Array;
  readonly lastHit: Int32Array;
  readonly touched: number[] = [];
  readonly negHits: number[] = [];
  readonly candidate: Uint8Array;

  /**
   * Which patterns use which term, so that a pattern visits only the terms that occurred
   * rather than all of its terms: for each term, pairs (pattern id, key) where the key is
   * the term's position in an `any` pattern's terms or a `regex` pattern's anchors, or
   * group << 16 | position for an `all` pattern. Pattern ids run through the signals'
   * patterns in order; `patternBase[si]` is the first of signal si.
   */
  readonly termUses: Int32Array[];
  readonly patternBase: Int32Array;
  /** Per pattern: the keys of the terms that occurred in this text (unsorted), and their count. */
  readonly keys: Int32Array[];
  readonly keyCount: Int32Array;
  readonly keyed: number[] = [];

  constructor(rules: CompiledRules) {
    const terms = rules.terms.length;
    this.firstHit = new Int32Array(terms).fill(-1);
    this.lastHit = new Int32Array(terms).fill(-1);
    this.candidate = new Uint8Array(rules.signals.length);
    const uses: number[][] = Array.from({ length: terms }, () => []);
    this.patternBase = new Int32Array(rules.signals.length);
    this.keys = [];
    let pid = 0;
    rules.signals.forEach((signal, si) => {
      this.patternBase[si] = pid;
      for (const p of signal.patterns) {
        let size = 0;
        if (p.kind === 'any' || p.kind === 'regex') {
          const list = p.kind === 'any' ? p.terms : p.anchors;
          list.forEach((t, k) => uses[t]!.push(pid, k));
          size = list.length;
        } else {
          if (p.groups.length > 0xffff) throw new Error('too many groups in a pattern');
          p.groups.forEach((g, gi) => {
            if (g.length > 0xffff) throw new Error('too many terms in a group');
            g.forEach((t, k) => uses[t]!.push(pid, (gi << 16) | k));
            size += g.length;
          });
        }
        this.keys.push(new Int32Array(size));
        pid++;
      }
    });
    this.keyCount = new Int32Array(pid);
    this.termUses = uses.map((u) => Int32Array.from(u));
  }

  /** Files the terms that occurred under the patterns that use them. */
  fileKeys(): void {
    const touched = this.touched;
    const keys = this.keys;
    const keyCount = this.keyCount;
    for (let k = 0; k < touched.length; k++) {
      const u = this.termUses[touched[k]!]!;
      for (let j = 0; j < u.length; j += 2) {
        const pid = u[j]!;
        const c = keyCount[pid]!;
        if (c === 0) this.keyed.push(pid);
        keys[pid]![c] = u[j + 1]!;
        keyCount[pid] = c + 1;
      }
    }
  }

  /** The keys filed under a pattern, sorted ascending (the order the pattern lists its terms). */
  sortedKeys(pid: number): Int32Array {
    const a = this.keys[pid]!;
    const n = this.keyCount[pid]!;
    for (let i = 1; i < n; i++) {
      const x = a[i]!;
      let j = i - 1;
      while (j >= 0 && a[j]! > x) {
        a[j + 1] = a[j]!;
        j--;
      }
      a[j + 1] = x;
    }
    return a;
  }

  add(term: number, start: number, end: number): void {
    const k = this.count;
    if (k === this.hitTerm.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.hitTerm = grow(this.hitTerm);
      this.hitStart = grow(this.hitStart);
      this.hitEnd = grow(this.hitEnd);
      this.nextHit = grow(this.nextHit);
    }
    this.hitTerm[k] = term;
    this.hitStart[k] = start;
    this.hitEnd[k] = end;
    this.nextHit[k] = -1;
    if (this.firstHit[term] === -1) {
      this.firstHit[term] = k;
      this.touched.push(term);
    } else {
      this.nextHit[this.lastHit[term]!] = k;
    }
    this.lastHit[term] = k;
    this.count = k + 1;
  }

  reset(): void {
    for (const t of this.touched) {
      this.firstHit[t] = -1;
      this.lastHit[t] = -1;
    }
    this.touched.length = 0;
    for (const pid of this.keyed) this.keyCount[pid] = 0;
    this.keyed.length = 0;
    this.negHits.length = 0;
    this.count = 0;
  }
}

const scratches = new WeakMap<CompiledRules, Scratch>();

export function matchRules(rules: CompiledRules, norm: Pick<NormalisedText, 'text' | 'clauses'>): SignalMatch[] {
  let sc = scratches.get(rules);
  if (sc === undefined) {
    sc = new Scratch(rules);
    scratches.set(rules, sc);
  }
  try {
    return run(rules, norm, sc);
  } finally {
    sc.reset();
  }
}

function run(rules: CompiledRules, norm: Pick<NormalisedText, 'text' | 'clauses'>, sc: Scratch): SignalMatch[] {
  const { text, clauses } = norm;
  const isNegation = rules.isNegation;
  rules.automaton.scan(text, (term, start, end) => {
    if (sc.count >= MAX_HITS) return;
    if (isNegation[term] === 1) sc.negHits.push(sc.count);
    sc.add(term, start, end);
  });
  if (sc.count === 0) return [];

  // Candidate signals: those that use a term that occurred, visited in signal order. Flags
  // and one pass over the (few dozen) signals give that order without sorting.
  const candidate = sc.candidate;
  const touched = sc.touched;
  for (let k = 0; k < touched.length; k++) {
    const users = rules.signalsByTerm[touched[k]!]!;
    for (let u = 0; u < users.length; u++) candidate[users[u]!] = 1;
  }

  sc.fileKeys();
  const window = rules.meta.negation_window;
  const reach = Math.max(window, rules.meta.negation_clause_reach);
  const anyNegation = sc.negHits.length > 0;
  const results: SignalMatch[] = [];
  const signals = rules.signals;
  const keyCount = sc.keyCount;
  for (let si = 0; si < signals.length; si++) {
    if (candidate[si] === 0) continue;
    candidate[si] = 0;
    const signal = signals[si]!;
    const spans: Span[] = [];
    const patterns = signal.patterns;
    const base = sc.patternBase[si]!;
    for (let pi = 0; pi < patterns.length; pi++) {
      if (spans.length >= MAX_SPANS) break;
      const p = patterns[pi]!;
      const pid = base + pi;
      const nKeys = keyCount[pid]!;
      if (nKeys === 0) continue; // none of its terms occurred
      if (p.kind === 'any') {
        // The terms that occurred, in the order the pattern lists them.
        const terms = p.terms;
        const keys = sc.sortedKeys(pid);
        for (let j = 0; j < nKeys; j++) {
          for (let h = sc.firstHit[terms[keys[j]!]!]!; h !== -1 && spans.length < MAX_SPANS; h = sc.nextHit[h]!) {
            const start = sc.hitStart[h]!;
            if (!anyNegation || !isNegated(sc, signal, start, reach, clauses, text)) spans.push({ start, end: sc.hitEnd[h]! });
          }
        }
      } else if (p.kind === 'all') {
        matchAll(p.groups, p.within, sc, sc.sortedKeys(pid), nKeys, anyNegation ? (start) => isNegated(sc, signal, start, reach, clauses, text) : notNegated, spans);
      } else {
        // Some anchor occurred (nKeys > 0).
        p.regex.lastIndex = 0;
        for (let m = p.regex.exec(text); m !== null; m = p.regex.exec(text)) {
          if (m[0].length === 0) {
            p.regex.lastIndex++;
            continue;
          }
          if (!anyNegation || !isNegated(sc, signal, m.index, reach, clauses, text)) spans.push({ start: m.index, end: m.index + m[0].length });
          if (spans.length >= MAX_SPANS) break;
        }
      }
    }
    if (spans.length > 0) results.push({ signal, spans: dedupe(spans) });
  }
  return results;
}

const notNegated = (): boolean => false;
const NOT = 0x4e0d; // 不

/** Whether a negation of this signal governs a match starting at `start`. */
function isNegated(sc: Scratch, signal: CompiledSignal, start: number, reach: number, clauses: readonly number[], text: string): boolean {
  const negHits = sc.negHits;
  // negHits is ordered by end: jump to the first that could reach `start`.
  let lo = 0;
  let hi = negHits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sc.hitEnd[negHits[mid]!]! < start - reach) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < negHits.length; k++) {
    const h = negHits[k]!;
    const nEnd = sc.hitEnd[h]!;
    if (nEnd > start + MAX_NEGATION_LENGTH) break;
    const hs = sc.hitStart[h]!;
    if (signal.negations[sc.hitTerm[h]!] !== 1 || hs >= start) continue;
    // An A-not-A question ("能不能借我", "要不要转", "是不是") asks; it negates nothing.
    if (hs > 0 && text.charCodeAt(hs) === NOT && text.charCodeAt(hs - 1) === text.charCodeAt(hs + 1)) continue;
    // Negation reaches forward to the end of its own clause, never past a break: in
    // "不要怕，把验证码告诉我" and "收到六位数字没有？念给我听" the ask stands.
    if (nEnd > 0 && clauses[nEnd - 1] === clauses[start]) return true;
  }
  return false;
}

interface Occurrence {
  start: number;
  end: number;
  group: number;
}

/**
 * Proximity: one occurrence from every group, all inside `within` characters, none negated.
 * `keys` (sorted, `nKeys` of them) are group << 16 | position of the pattern's terms that
 * occurred: group by group, in the order each group lists its terms.
 */
function matchAll(groups: readonly Int32Array[], within: number, sc: Scratch, keys: Int32Array, nKeys: number, negated: (start: number) => boolean, spans: Span[]): void {
  // Every group needs a hit; the keys are sorted by group, so count the distinct groups.
  let groupsHit = 0;
  for (let j = 0, last = -1; j < nKeys; j++) {
    const gi = keys[j]! >>> 16;
    if (gi !== last) {
      groupsHit++;
      last = gi;
    }
  }
  if (groupsHit < groups.length) return; // a group with no hit at all
  const all: Occurrence[] = [];
  const seen: number[] = new Array<number>(groups.length).fill(0);
  for (let j = 0; j < nKeys; j++) {
    const key = keys[j]!;
    const gi = key >>> 16;
    const t = groups[gi]![key & 0xffff]!;
    for (let h = sc.firstHit[t]!; h !== -1; h = sc.nextHit[h]!) {
      const start = sc.hitStart[h]!;
      if (negated(start)) continue;
      all.push({ start, end: sc.hitEnd[h]!, group: gi });
      seen[gi] = 1;
    }
  }
  if (seen.includes(0)) return;
  all.sort((a, b) => a.start - b.start || a.end - b.end);
  // Try each occurrence as the window's leftmost member; every other group needs an
  // occurrence starting at or after it and ending inside the window.
  let found = 0;
  let lastEnd = -1;
  for (let i = 0; i < all.length; i++) {
    const left = all[i]!;
    if (left.start < lastEnd) continue; // windows do not overlap: one report per region
    const limit = left.start + within;
    if (left.end > limit) continue;
    const chosen: (Occurrence | undefined)[] = new Array(groups.length);
    chosen[left.group] = left;
    let missing = groups.length - 1;
    for (let k = i + 1; k < all.length && missing > 0 && all[k]!.start < limit; k++) {
      const o = all[k]!;
      if (chosen[o.group] === undefined && o.end <= limit) {
        chosen[o.group] = o;
        missing--;
      }
    }
    if (missing > 0) continue;
    let end = 0;
    for (const c of chosen) {
      spans.push({ start: c!.start, end: c!.end });
      end = Math.max(end, c!.end);
    }
    lastEnd = end;
    if (++found >= 5 || spans.length >= MAX_SPANS) return;
  }
}

function dedupe(spans: Span[]): Span[] {
  if (spans.length === 1) return spans;
  // Stable insertion sort by start, longer first (the spans are ours and few: at most MAX_SPANS).
  for (let i = 1; i < spans.length; i++) {
    const s = spans[i]!;
    let j = i - 1;
    while (j >= 0 && (spans[j]!.start > s.start || (spans[j]!.start === s.start && spans[j]!.end < s.end))) {
      spans[j + 1] = spans[j]!;
      j--;
    }
    spans[j + 1] = s;
  }
  const out: Span[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev !== undefined && s.start >= prev.start && s.end <= prev.end) continue; // contained
    out.push(s);
  }
  return out.length > MAX_SPANS ? out.slice(0, MAX_SPANS) : out;
}
