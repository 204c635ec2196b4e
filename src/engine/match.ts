/**
 * Runs compiled rules over a normalised text: which signals fired, and where. Spans are in
 * the compact matching form here; `check` maps them back to the original text.
 *
 * This is the hot path of `classify`, so term hits live in flat typed arrays that are reused
 * from one call to the next (one set per compiled rule set), with a linked list per term.
 */
import type { NormalisedText } from './normalise.js';
import { HitBuffer } from './aho-corasick.js';
import type { CompiledPattern, CompiledRules, CompiledSignal } from './rules.js';
import { hasLineTerminator } from './text-checks.js';

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
const HUI = '会'.charCodeAt(0);
/** First characters of nouns ending in 会 (本会, 该会, 协会, 农会, 工会, 商会, 学会, 基金会, 委员会, 理事会). */
const NOUN_HUI: ReadonlySet<number> = new Set([...'本该协农工商学金员事'].map((c) => c.charCodeAt(0)));
/**
 * Hits recorded per text, a bound on the buffers (each hit ~20 bytes across them): past it the
 * rest of the text is not read, and the answer says so. A text of the check's longest (2 Mi
 * characters) reaches it only when built of terms end to end; at 50,000 an ask after ~100,000
 * characters of a repeated greeting went unread.
 */
const MAX_HITS = 4_000_000;

class Scratch {
  readonly hits = new HitBuffer();
  /** Per hit (as `hits` records them): its start, and the next hit of the same term (-1: none). */
  hitStart = new Int32Array(256);
  nextHit = new Int32Array(256);
  /** Per term: its first and last hit in this text (-1: none). */
  readonly firstHit: Int32Array;
  readonly lastHit: Int32Array;
  readonly termLength: Int32Array;
  /** The terms that occurred, in order of first occurrence. */
  readonly touched: number[] = [];
  /** The hits of negation terms, in order of end. */
  readonly negHits: number[] = [];

  /**
   * Which patterns use which term, so that only the patterns whose terms occurred are visited,
   * and each only for the terms that occurred. For term t, the uses useStart[t] ..
   * useStart[t + 1] are pairs (pattern id, key) in useData, where the key is the term's
   * position in an `any` pattern's terms or a `regex` pattern's anchors, or
   * group << 16 | position for an `all` pattern. Pattern ids run through the signals'
   * patterns in order: pidSignal and pidPattern say whose pattern an id is.
   */
  readonly useStart: Int32Array;
  readonly useData: Int32Array;
  readonly pidSignal: Int32Array;
  readonly pidPattern: Int32Array;
  /** Per pattern: the keys of its terms that occurred in this text, at keyBase[pid] onwards (unsorted), and their count. */
  readonly keyBase: Int32Array;
  readonly keyData: Int32Array;
  readonly keyCount: Int32Array;
  /** The patterns with a key this text. */
  readonly keyed: number[] = [];
  /** This text's answers to the whole-text conditions split off regexes (see text-checks.ts), by condition. */
  readonly textChecks = new Map<RegExp, boolean>();
  /** Whether this text holds a line terminator: 1 yes, 0 no, -1 not yet looked at. */
  lineBreak = -1;
  /** This text's first ends of the `endsFirst` expressions split off regexes (the text's length: none). */
  readonly firstEnds = new Map<RegExp, number>();
  /** Where the matches of the expression regexFor last gave must start before (the text's length: anywhere). */
  regexLimit = 0;

  constructor(rules: CompiledRules) {
    const terms = rules.terms.length;
    this.firstHit = new Int32Array(terms).fill(-1);
    this.lastHit = new Int32Array(terms).fill(-1);
    this.termLength = Int32Array.from(rules.terms, (t) => t.length);
    const uses: number[][] = Array.from({ length: terms }, () => []);
    const pidSignal: number[] = [];
    const pidPattern: number[] = [];
    const keyBase: number[] = [];
    let keys = 0;
    rules.signals.forEach((signal, si) => {
      signal.patterns.forEach((p, pi) => {
        const pid = pidSignal.length;
        pidSignal.push(si);
        pidPattern.push(pi);
        keyBase.push(keys);
        if (p.kind === 'any' || p.kind === 'regex') {
          const list = p.kind === 'any' ? p.terms : p.anchors;
          list.forEach((t, k) => uses[t]!.push(pid, k));
          keys += list.length;
        } else {
          if (p.groups.length > 0xffff) throw new Error('too many groups in a pattern');
          p.groups.forEach((g, gi) => {
            if (g.length > 0xffff) throw new Error('too many terms in a group');
            g.forEach((t, k) => uses[t]!.push(pid, (gi << 16) | k));
            keys += g.length;
          });
        }
      });
    });
    this.pidSignal = Int32Array.from(pidSignal);
    this.pidPattern = Int32Array.from(pidPattern);
    this.keyBase = Int32Array.from(keyBase);
    this.keyData = new Int32Array(keys);
    this.keyCount = new Int32Array(pidSignal.length);
    this.useStart = new Int32Array(terms + 1);
    for (let t = 0; t < terms; t++) this.useStart[t + 1] = this.useStart[t]! + uses[t]!.length;
    this.useData = new Int32Array(this.useStart[terms]!);
    for (let t = 0; t < terms; t++) this.useData.set(uses[t]!, this.useStart[t]!);
  }

  /**
   * Links the hits `collect` recorded: their starts, a list per term, the negation hits, and
   * the keys of the terms that occurred filed under the patterns that use them. A term found
   * across a clause break ("过去，你家里" holds 去你家) is no occurrence: the folded text has lost
   * the comma.
   */
  link(isNegation: Uint8Array, clauses: readonly number[]): void {
    const count = this.hits.count;
    if (this.hitStart.length < count) {
      let size = this.hitStart.length;
      while (size < count) size *= 2;
      this.hitStart = new Int32Array(size);
      this.nextHit = new Int32Array(size);
    }
    const { firstHit, lastHit, hitStart, nextHit, termLength, touched, negHits } = this;
    const hitTerm = this.hits.term;
    const hitEnd = this.hits.end;
    for (let h = 0; h < count; h++) {
      const t = hitTerm[h]!;
      hitStart[h] = hitEnd[h]! - termLength[t]!;
      nextHit[h] = -1;
      if (clauses[hitStart[h]!] !== clauses[hitEnd[h]! - 1]) continue;
      if (isNegation[t] === 1) negHits.push(h);
      if (firstHit[t] === -1) {
        firstHit[t] = h;
        touched.push(t);
      } else {
        nextHit[lastHit[t]!] = h;
      }
      lastHit[t] = h;
    }
    const { useStart, useData, keyBase, keyData, keyCount, keyed } = this;
    for (let k = 0; k < touched.length; k++) {
      const t = touched[k]!;
      for (let j = useStart[t]!, stop = useStart[t + 1]!; j < stop; j += 2) {
        const pid = useData[j]!;
        const c = keyCount[pid]!;
        if (c === 0) keyed.push(pid);
        keyData[keyBase[pid]! + c] = useData[j + 1]!;
        keyCount[pid] = c + 1;
      }
    }
    // Patterns in order: signal by signal, each signal's patterns as it lists them.
    insertionSort(keyed, 0, keyed.length);
  }

  /** Sorts the keys filed under a pattern ascending (the order the pattern lists its terms). */
  sortKeys(pid: number): void {
    const base = this.keyBase[pid]!;
    insertionSort(this.keyData, base, base + this.keyCount[pid]!);
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
    this.hits.count = 0;
    this.textChecks.clear();
    this.firstEnds.clear();
    this.lineBreak = -1;
  }

  /**
   * The expression to run for a regex pattern over this text, or undefined when its whole-text
   * conditions do not hold; its matches count only while they start before `regexLimit`.
   */
  regexFor(p: Extract<CompiledPattern, { kind: 'regex' }>, text: string): RegExp | undefined {
    const split = p.split;
    this.regexLimit = text.length;
    if (split === undefined) return p.regex;
    if (this.lineBreak === -1) this.lineBreak = hasLineTerminator(text) ? 1 : 0;
    if (this.lineBreak === 1) return split.full;
    if (split.check !== undefined) {
      let holds = this.textChecks.get(split.check);
      if (holds === undefined) {
        holds = split.check.test(text);
        this.textChecks.set(split.check, holds);
      }
      if (!holds) return undefined;
    }
    if (split.endsFirst !== undefined) {
      let end = this.firstEnds.get(split.endsFirst);
      if (end === undefined) {
        end = split.endsFirst.exec(text)?.index ?? text.length;
        this.firstEnds.set(split.endsFirst, end);
      }
      this.regexLimit = end;
    }
    return p.regex;
  }
}

/** Sorts a[from..to) ascending in place (the lists sorted here are short: a text's keyed patterns, a pattern's keys). */
function insertionSort(a: number[] | Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

const scratches = new WeakMap<CompiledRules, Scratch>();

/** `read.whole` is set false when the text had more hits than are kept, so that its end was not read. */
export function matchRules(rules: CompiledRules, norm: Pick<NormalisedText, 'text' | 'clauses' | 'segmented'>, read?: { whole: boolean }, maxHits = MAX_HITS): SignalMatch[] {
  let sc = scratches.get(rules);
  if (sc === undefined) {
    sc = new Scratch(rules);
    scratches.set(rules, sc);
  }
  try {
    return run(rules, norm, sc, read, maxHits);
  } finally {
    sc.reset();
  }
}

/** How far back a negation reaches in text written word by word (see run). */
const SEGMENTED_NEGATION_REACH = 2;

function run(rules: CompiledRules, norm: Pick<NormalisedText, 'text' | 'clauses' | 'segmented'>, sc: Scratch, read: { whole: boolean } | undefined, maxHits: number): SignalMatch[] {
  const { text, clauses } = norm;
  const whole = rules.automaton.collect(text, sc.hits, maxHits);
  if (read !== undefined) read.whole = whole;
  if (sc.hits.count === 0) return [];
  sc.link(rules.isNegation, clauses);

  const window = rules.meta.negation_window;
  // Text written word by word has no clause breaks at its spaces: a negation reaches only what follows it at
  // once ("请勿 点击 链接", "不要 把 钱 转给"), not a later ask ("不会 影响 你 的 征信 先 交 五百 元").
  const reach = norm.segmented === true ? SEGMENTED_NEGATION_REACH : Math.max(window, rules.meta.negation_clause_reach);
  const anyNegation = sc.negHits.length > 0;
  const results: SignalMatch[] = [];
  const signals = rules.signals;
  const { keyed, keyCount, keyBase, keyData, pidSignal, pidPattern, firstHit, nextHit, hitStart } = sc;
  const hitEnd = sc.hits.end;
  // The patterns whose terms occurred, signal by signal in order: a signal none of whose
  // terms occurred cannot fire.
  for (let k = 0; k < keyed.length; ) {
    const si = pidSignal[keyed[k]!]!;
    const signal = signals[si]!;
    const spans: Span[] = [];
    for (; k < keyed.length && pidSignal[keyed[k]!] === si; k++) {
      if (spans.length >= MAX_SPANS) continue;
      const pid = keyed[k]!;
      const p = signal.patterns[pidPattern[pid]!]!;
      const nKeys = keyCount[pid]!;
      const base = keyBase[pid]!;
      if (p.kind === 'any') {
        // The terms that occurred, in the order the pattern lists them.
        const terms = p.terms;
        sc.sortKeys(pid);
        for (let j = 0; j < nKeys; j++) {
          for (let h = firstHit[terms[keyData[base + j]!]!]!; h !== -1 && spans.length < MAX_SPANS; h = nextHit[h]!) {
            const start = hitStart[h]!;
            if (!anyNegation || !isNegated(sc, signal, start, reach, clauses, text)) spans.push({ start, end: hitEnd[h]! });
          }
        }
      } else if (p.kind === 'all') {
        sc.sortKeys(pid);
        matchAll(p.groups, p.within, sc, base, nKeys, anyNegation ? signal : undefined, reach, clauses, text, spans);
      } else {
        // Some anchor occurred (nKeys > 0).
        const regex = sc.regexFor(p, text);
        if (regex === undefined) continue;
        const limit = sc.regexLimit;
        regex.lastIndex = 0;
        for (let m = regex.exec(text); m !== null && m.index < limit; m = regex.exec(text)) {
          if (m[0].length === 0) {
            regex.lastIndex++;
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

const NOT = 0x4e0d; // 不

/**
 * Whether the 不 at `at` is the middle of an A-not-A question ("能不能", "要不要", "是不是") — not
 * after a noun that ends in 会 ("本会不会以电话要求您汇款": the association will not).
 */
function isANotA(text: string, at: number): boolean {
  if (at === 0 || text.charCodeAt(at) !== NOT || text.charCodeAt(at - 1) !== text.charCodeAt(at + 1)) return false;
  return !(at > 1 && text.charCodeAt(at - 1) === HUI && NOUN_HUI.has(text.charCodeAt(at - 2)));
}

const WEI = '为'.charCodeAt(0);
const LE = '了'.charCodeAt(0);

/**
 * Whether the negation starting at `at` states a purpose ("为防止冻结，请登录…", "为了不影响征信，请…"):
 * after 为 or 为了 it says why the ask is made, and negates nothing.
 */
function isPurpose(text: string, at: number): boolean {
  if (at > 0 && text.charCodeAt(at - 1) === WEI) return true;
  return at > 1 && text.charCodeAt(at - 1) === LE && text.charCodeAt(at - 2) === WEI;
}

/** Whether a negation of this signal governs a match starting at `start`. */
function isNegated(sc: Scratch, signal: CompiledSignal, start: number, reach: number, clauses: readonly number[], text: string): boolean {
  const negHits = sc.negHits;
  const hitEnd = sc.hits.end;
  const hitTerm = sc.hits.term;
  // negHits is ordered by end: jump to the first that could reach `start`.
  let lo = 0;
  let hi = negHits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hitEnd[negHits[mid]!]! < start - reach) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < negHits.length; k++) {
    const h = negHits[k]!;
    const nEnd = hitEnd[h]!;
    if (nEnd > start + MAX_NEGATION_LENGTH) break;
    const hs = sc.hitStart[h]!;
    if (signal.negations[hitTerm[h]!] !== 1 || hs >= start) continue;
    // An A-not-A question ("能不能借我", "要不要转", "是不是") asks; it negates nothing.
    if (isANotA(text, hs)) continue;
    // "为防止冻结，请登录…" gives the ask's purpose; it forbids nothing.
    if (isPurpose(text, hs)) continue;
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
 * The pattern's keys, sorted (keyData[base .. base + nKeys)), are group << 16 | position of
 * its terms that occurred: group by group, in the order each group lists its terms.
 * `negatable`: the signal when some negation occurred in the text (else no hit is negated).
 */
function matchAll(groups: readonly Int32Array[], within: number, sc: Scratch, base: number, nKeys: number, negatable: CompiledSignal | undefined, reach: number, clauses: readonly number[], text: string, spans: Span[]): void {
  const keys = sc.keyData;
  // Every group needs a hit; the keys are sorted by group, so count the distinct groups.
  let groupsHit = 0;
  for (let j = 0, last = -1; j < nKeys; j++) {
    const gi = keys[base + j]! >>> 16;
    if (gi !== last) {
      groupsHit++;
      last = gi;
    }
  }
  if (groupsHit < groups.length) return; // a group with no hit at all
  const all: Occurrence[] = [];
  const seen: number[] = new Array<number>(groups.length).fill(0);
  const hitEnd = sc.hits.end;
  for (let j = 0; j < nKeys; j++) {
    const key = keys[base + j]!;
    const gi = key >>> 16;
    const t = groups[gi]![key & 0xffff]!;
    for (let h = sc.firstHit[t]!; h !== -1; h = sc.nextHit[h]!) {
      const start = sc.hitStart[h]!;
      if (negatable !== undefined && isNegated(sc, negatable, start, reach, clauses, text)) continue;
      all.push({ start, end: hitEnd[h]!, group: gi });
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
