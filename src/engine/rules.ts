/**
 * Compiles the validated rule data into a matcher: every literal term of every signal goes
 * into one Aho–Corasick automaton (one pass over the text finds them all); proximity groups,
 * anchored regular expressions and negations are then checked only for signals whose terms
 * occurred. Terms are folded exactly as messages are, so rule authors write ordinary text.
 */
import { AhoCorasick } from './aho-corasick.js';
import { splitWholeTextChecks } from './text-checks.js';
import type { Normaliser } from './normalise.js';
import type { RuleSetMeta, Signal } from './schemas/signal.js';

export type CompiledPattern =
  | { kind: 'any'; terms: Int32Array }
  | { kind: 'all'; groups: Int32Array[]; within: number }
  | {
      kind: 'regex';
      /** The expression run over the text: the rule's own, or its body when whole-text conditions were split off (see text-checks.ts). */
      regex: RegExp;
      anchors: Int32Array;
      /**
       * What was split off the rule's expression (see text-checks.ts): whole-text conditions tested once at the text's
       * start (`check`), and where matches must start before (`endsFirst`: found once per text, its first match's
       * index); `full` is the rule's own expression, run instead on a text with a line break.
       */
      split?: { check?: RegExp; endsFirst?: RegExp; full: RegExp };
    };

export interface CompiledSignal {
  readonly index: number;
  readonly signal: Signal;
  readonly patterns: readonly CompiledPattern[];
  /** Flags by term index: which terms cancel this signal's matches. */
  readonly negations: Uint8Array;
}

export interface CompiledRules {
  readonly meta: RuleSetMeta;
  readonly signals: readonly CompiledSignal[];
  readonly automaton: AhoCorasick;
  readonly terms: readonly string[];
  /** Flags by term index: the term is a negation of at least one signal. */
  readonly isNegation: Uint8Array;
}

export class RuleCompileError extends Error {}

/**
 * Puts the rule set's named regex parts (`{{name}}`) into a signal's regex, each as a
 * non-capturing group. A part may use other parts; one that uses itself, directly or not, is refused.
 */
export function expandRegexParts(regex: string, parts: Readonly<Record<string, string>>, where: string, using: readonly string[] = []): string {
  return regex.replace(/\{\{([a-z][a-z0-9_]*)\}\}/g, (_, name: string) => {
    const part = Object.hasOwn(parts, name) ? parts[name] : undefined;
    if (part === undefined) throw new RuleCompileError(`${where}: regex uses {{${name}}}, which the rule set's regex_parts does not name`);
    if (using.includes(name)) throw new RuleCompileError(`${where}: regex part {{${name}}} uses itself (${[...using, name].join(' → ')})`);
    return `(?:${expandRegexParts(part, parts, where, [...using, name])})`;
  });
}

export function compileRules(meta: RuleSetMeta, signals: readonly Signal[], normaliser: Normaliser): CompiledRules {
  const terms: string[] = [];
  const termIndex = new Map<string, number>();
  const seenIds = new Set<string>();
  // Terms as written, folded once each: the default negations recur in most signals.
  const rawIndex = new Map<string, number>();
  const intern = (raw: string, where: string): number => {
    let i = rawIndex.get(raw);
    if (i !== undefined) return i;
    const folded = normaliser.normaliseView(raw).text;
    if (folded.length === 0) throw new RuleCompileError(`${where}: term "${raw}" has no letters or digits`);
    i = termIndex.get(folded);
    if (i === undefined) {
      i = terms.length;
      terms.push(folded);
      termIndex.set(folded, i);
    }
    rawIndex.set(raw, i);
    return i;
  };

  const negationTerms: number[][] = [];

  const compiled: Omit<CompiledSignal, 'negations'>[] = signals.map((signal, index) => {
    if (seenIds.has(signal.id)) throw new RuleCompileError(`duplicate signal id ${signal.id}`);
    seenIds.add(signal.id);
    const where = signal.id;
    const patterns = signal.patterns.map((p): CompiledPattern => {
      if ('any' in p) {
        const t = Int32Array.from(p.any, (s) => intern(s, where));
        return { kind: 'any', terms: t };
      }
      if ('all' in p) {
        const groups = p.all.map((g) => Int32Array.from(g, (s) => intern(s, where)));
        return { kind: 'all', groups, within: p.within };
      }
      const source = expandRegexParts(p.regex, meta.regex_parts, where);
      let regex: RegExp;
      try {
        regex = new RegExp(source, 'g');
      } catch (e) {
        throw new RuleCompileError(`${where}: bad regex ${source}: ${(e as Error).message}`);
      }
      // Regexes run on folded text: a character that folding changes (么 → 幺, 麼 → 么 …) could never match.
      for (const ch of new Set(source.match(/\p{Script=Han}/gu) ?? [])) {
        const folded = normaliser.normalise(ch).text;
        if (folded !== ch && !source.includes(folded)) throw new RuleCompileError(`${where}: regex has "${ch}", which folds to "${folded}": write the folded form`);
      }
      const anchors = Int32Array.from(p.anchors, (s) => intern(s, where));
      const split = splitWholeTextChecks(source);
      if (split !== undefined) {
        const parts = {
          ...(split.check !== undefined ? { check: new RegExp(split.check) } : {}),
          ...(split.endsFirst !== undefined ? { endsFirst: new RegExp(`(?<=${split.endsFirst})`) } : {}),
        };
        return { kind: 'regex', regex: new RegExp(split.body, 'g'), anchors, split: { ...parts, full: regex } };
      }
      return { kind: 'regex', regex, anchors };
    });
    const neg = [...(signal.default_negations ? meta.default_negations : []), ...(signal.negations ?? [])];
    negationTerms[index] = neg.map((s) => intern(s, `${where} negation`));
    return { index, signal, patterns };
  });

  const isNegation = new Uint8Array(terms.length);
  const withNeg: CompiledSignal[] = compiled.map((c) => {
    const flags = new Uint8Array(terms.length);
    for (const t of negationTerms[c.index]!) {
      flags[t] = 1;
      isNegation[t] = 1;
    }
    return { ...c, negations: flags };
  });
  return { meta, signals: withNeg, automaton: new AhoCorasick(terms), terms, isNegation };
}
