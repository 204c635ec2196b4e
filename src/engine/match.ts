/**
 * Runs compiled rules over a normalised text: which signals fired, and where. Spans are in
 * the compact matching form here; `check` maps them back to the original text.
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

interface Occurrence {
  start: number;
  end: number;
}

export function matchRules(rules: CompiledRules, norm: Pick<NormalisedText, 'text' | 'clauses'>): SignalMatch[] {
  const { text, clauses } = norm;
  const byTerm = new Map<number, Occurrence[]>();
  const negationHits: { term: number; start: number; end: number }[] = [];
  rules.automaton.scan(text, (term, start, end) => {
    let list = byTerm.get(term);
    if (list === undefined) {
      list = [];
      byTerm.set(term, list);
    }
    if (list.length < 10_000) list.push({ start, end });
    if (rules.isNegation[term] === 1 && negationHits.length < 10_000) negationHits.push({ term, start, end });
  });
  if (byTerm.size === 0) return [];

  const candidates = new Set<number>();
  for (const term of byTerm.keys()) for (const s of rules.signalsByTerm[term]!) candidates.add(s);

  const window = rules.meta.negation_window;
  const clauseReach = rules.meta.negation_clause_reach;
  const results: SignalMatch[] = [];
  for (const si of [...candidates].sort((a, b) => a - b)) {
    const signal = rules.signals[si]!;
    const negated = (start: number): boolean => {
      // negationHits is ordered by end: jump to the first that could reach `start`.
      const reach = Math.max(window, clauseReach);
      let lo = 0;
      let hi = negationHits.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (negationHits[mid]!.end < start - reach) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < negationHits.length; k++) {
        const n = negationHits[k]!;
        if (n.end > start + MAX_NEGATION_LENGTH) break;
        if (signal.negations[n.term] !== 1 || n.start >= start) continue;
        // Close enough, or further back but in the same clause.
        if (n.end >= start - window) return true;
        if (n.end > 0 && clauses[n.end - 1] === clauses[start]) return true;
      }
      return false;
    };
    const spans: Span[] = [];
    for (const p of signal.patterns) {
      if (spans.length >= MAX_SPANS) break;
      if (p.kind === 'any') {
        for (const t of p.terms) {
          for (const o of byTerm.get(t) ?? []) {
            if (!negated(o.start)) spans.push(o);
            if (spans.length >= MAX_SPANS) break;
          }
        }
      } else if (p.kind === 'all') {
        matchAll(p.groups, p.within, byTerm, negated, spans);
      } else {
        if (!p.anchors.some((a) => byTerm.has(a))) continue;
        p.regex.lastIndex = 0;
        for (let m = p.regex.exec(text); m !== null; m = p.regex.exec(text)) {
          if (m[0].length === 0) {
            p.regex.lastIndex++;
            continue;
          }
          if (!negated(m.index)) spans.push({ start: m.index, end: m.index + m[0].length });
          if (spans.length >= MAX_SPANS) break;
        }
      }
    }
    if (spans.length > 0) results.push({ signal, spans: dedupe(spans) });
  }
  return results;
}

/** Proximity: one occurrence from every group, all inside `within` characters, none negated. */
function matchAll(
  groups: readonly Int32Array[],
  within: number,
  byTerm: ReadonlyMap<number, Occurrence[]>,
  negated: (start: number) => boolean,
  spans: Span[],
): void {
  const perGroup: Occurrence[][] = [];
  for (const g of groups) {
    const occ: Occurrence[] = [];
    for (const t of g) for (const o of byTerm.get(t) ?? []) if (!negated(o.start)) occ.push(o);
    if (occ.length === 0) return;
    occ.sort((a, b) => a.start - b.start || a.end - b.end);
    perGroup.push(occ);
  }
  // Try each occurrence as the window's leftmost member; every other group needs an
  // occurrence starting at or after it and ending inside the window.
  const all: { o: Occurrence; g: number }[] = [];
  perGroup.forEach((occ, g) => occ.forEach((o) => all.push({ o, g })));
  all.sort((a, b) => a.o.start - b.o.start);
  const pointer = new Int32Array(perGroup.length);
  let found = 0;
  let lastEnd = -1;
  for (const { o: left, g: leftGroup } of all) {
    if (left.start < lastEnd) continue; // windows do not overlap: one report per region
    const limit = left.start + within;
    const chosen: Occurrence[] = [left];
    let ok = left.end <= limit;
    for (let g = 0; ok && g < perGroup.length; g++) {
      if (g === leftGroup) continue;
      const occ = perGroup[g]!;
      while (pointer[g]! < occ.length && occ[pointer[g]!]!.start < left.start) pointer[g]!++;
      let pick: Occurrence | undefined;
      for (let k = pointer[g]!; k < occ.length && occ[k]!.start < limit; k++) {
        if (occ[k]!.end <= limit) {
          pick = occ[k];
          break;
        }
      }
      if (pick === undefined) ok = false;
      else chosen.push(pick);
    }
    if (!ok) continue;
    spans.push(...chosen);
    lastEnd = Math.max(...chosen.map((c) => c.end));
    if (++found >= 5 || spans.length >= MAX_SPANS) return;
  }
}

function dedupe(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev !== undefined && s.start >= prev.start && s.end <= prev.end) continue; // contained
    out.push(s);
  }
  return out.slice(0, MAX_SPANS);
}
