/**
 * Text normalisation for matching: turns whatever a person pasted (traditional characters,
 * full-width letters, characters split by spaces or symbols to dodge filters, homoglyph
 * digits, emoji) into one compact matching form, and keeps a map from every character of
 * that form back to the original text so that spans can be highlighted in what the user
 * actually received.
 *
 * The matching form keeps only letters and digits (CJK, Latin, others), lower-cased,
 * NFKC-folded and converted to simplified characters one character at a time. Everything
 * else — whitespace, punctuation, symbols, emoji, control characters, zero-width joiners —
 * is dropped, so "消 除 记 录" and "征*信" read as 消除记录 and 征信.
 */

/** A character-level traditional→simplified table, built by the caller from a data source. */
export type CharMap = ReadonlyMap<number, number>;

export interface NormalisedText {
  /** The original text, unchanged. */
  readonly original: string;
  /** The compact matching form. */
  readonly text: string;
  /** For each UTF-16 unit of `text`: the index in `original` where its source character starts. */
  readonly starts: Int32Array;
  /** For each UTF-16 unit of `text`: the index in `original` just after its source character. */
  readonly ends: Int32Array;
  /**
   * For each UTF-16 unit of `text`: how many clause breaks (。，！？；： and line ends in the
   * original) come before it. Two positions are in one clause when their counts are equal;
   * negation reaches to the end of its clause ("请勿扫描陌生人发来的二维码付款").
   */
  readonly clauses: Int32Array;
}

// Letters that are drawn like Latin letters or digits and are used to dodge filters.
// Only the common Cyrillic/Greek look-alikes: a wider table would mangle real Russian or Greek.
const CONFUSABLE: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y', к: 'k', м: 'm', т: 't', в: 'b', н: 'h',
  і: 'i', ј: 'j', ο: 'o', α: 'a', ν: 'v', ι: 'i', κ: 'k', τ: 't', ρ: 'p',
};

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Punctuation that ends a clause, full-width and ASCII. */
const CLAUSE_BREAK = new Set([...'，。！？；：,!?;:\n\r、'].map((c) => c.charCodeAt(0)));

/**
 * Folds one code point into its matching form ("" when it is dropped).
 * Results are cached per code point: the work per character is one array lookup after warm-up.
 */
function foldCodePoint(cp: number, t2s: CharMap): string {
  let s = String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of s) {
    if (!LETTER_OR_DIGIT.test(ch)) continue;
    const c = CONFUSABLE[ch];
    if (c !== undefined) {
      out += c;
      continue;
    }
    // Digits of every script (Arabic-Indic, Devanagari, …) read as ASCII digits.
    if (/\p{Nd}/u.test(ch) && !/[0-9]/.test(ch)) {
      const v = decimalValue(ch);
      out += v === undefined ? ch : String(v);
      continue;
    }
    const simp = t2s.get(ch.codePointAt(0)!);
    out += simp === undefined ? ch : String.fromCodePoint(simp);
  }
  s = out;
  return s;
}

function decimalValue(ch: string): number | undefined {
  // Unicode decimal digits come in contiguous runs from 0 to 9: the value is how far back
  // the run starts.
  const cp = ch.codePointAt(0)!;
  let k = 0;
  while (k < 9 && /\p{Nd}/u.test(String.fromCodePoint(cp - k - 1))) k++;
  return k;
}

/** A normaliser bound to one traditional→simplified table, with its per-code-point cache. */
export class Normaliser {
  private readonly bmp: (string | undefined)[] = new Array(65536);
  private readonly astral = new Map<number, string>();

  constructor(private readonly t2s: CharMap) {}

  private fold(cp: number): string {
    if (cp < 65536) {
      let s = this.bmp[cp];
      if (s === undefined) {
        s = foldCodePoint(cp, this.t2s);
        this.bmp[cp] = s;
      }
      return s;
    }
    let s = this.astral.get(cp);
    if (s === undefined) {
      s = foldCodePoint(cp, this.t2s);
      this.astral.set(cp, s);
    }
    return s;
  }

  normalise(original: string): NormalisedText {
    const n = original.length;
    let starts = new Int32Array(n + 8);
    let ends = new Int32Array(n + 8);
    let clauses = new Int32Array(n + 8);
    let clause = 0;
    let brokeSinceLast = false;
    const parts: string[] = [];
    let len = 0;
    for (let i = 0; i < n; ) {
      let cp = original.charCodeAt(i);
      let width = 1;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
        const lo = original.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      let s: string;
      if (cp < 128) {
        // ASCII fast path.
        if ((cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122)) s = original[i]!;
        else if (cp >= 65 && cp <= 90) s = String.fromCharCode(cp + 32);
        else s = '';
      } else if (cp >= 0xd800 && cp <= 0xdfff) {
        s = ''; // a lone surrogate: not text
      } else {
        s = this.fold(cp);
      }
      if (s.length > 0) {
        if (len + s.length > starts.length) {
          const grow = Math.max(starts.length * 2, len + s.length);
          starts = growTo(starts, grow);
          ends = growTo(ends, grow);
          clauses = growTo(clauses, grow);
        }
        if (brokeSinceLast && len > 0) clause++;
        brokeSinceLast = false;
        for (let k = 0; k < s.length; k++) {
          starts[len] = i;
          ends[len] = i + width;
          clauses[len] = clause;
          len++;
        }
        parts.push(s);
      } else if (CLAUSE_BREAK.has(cp)) {
        brokeSinceLast = true;
      }
      i += width;
    }
    const text = fixDigitHomoglyphs(parts.join(''));
    return { original, text, starts: starts.subarray(0, len), ends: ends.subarray(0, len), clauses: clauses.subarray(0, len) };
  }
}

function growTo(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * Reads o/l/i that stand between or beside digits as 0/1/1 ("5oo元" → "500元", "1l0" → "110").
 * Lengths do not change, so the offset maps stay valid.
 */
export function fixDigitHomoglyphs(text: string): string {
  if (!/[0-9][oli]|[oli][0-9]/.test(text)) return text;
  const chars = text.split('');
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  const swap: Record<string, string> = { o: '0', l: '1', i: '1' };
  // Two passes so that runs extend in both directions ("oo5" and "5oo").
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < chars.length; k++) {
      const r = swap[chars[k]!];
      if (r === undefined) continue;
      if (isDigit(chars[k - 1]) || isDigit(chars[k + 1])) {
        // Only inside a run of digits and look-alikes: "no1" (a word) must stay.
        const left = chars[k - 1];
        const right = chars[k + 1];
        const leftOk = left === undefined || isDigit(left) || swap[left] !== undefined || !/[a-z]/.test(left);
        const rightOk = right === undefined || isDigit(right) || swap[right] !== undefined || !/[a-z]/.test(right);
        if (leftOk && rightOk) chars[k] = r;
      }
    }
  }
  return chars.join('');
}

/**
 * Builds a character-level traditional→simplified table from OpenCC-format dictionary
 * strings ("繁 简|…", first candidate wins). The dictionaries form a chain applied in order
 * (regional variant → standard traditional → simplified), and the table composes them.
 */
export function buildCharMap(chain: readonly string[]): Map<number, number> {
  const steps = chain.map(parseCharDict);
  const keys = new Set<number>();
  for (const step of steps) for (const k of step.keys()) keys.add(k);
  const map = new Map<number, number>();
  for (const k of keys) {
    let v = k;
    for (const step of steps) v = step.get(v) ?? v;
    if (v !== k) map.set(k, v);
  }
  return map;
}

function parseCharDict(dict: string): Map<number, number> {
  const m = new Map<number, number>();
  for (const entry of dict.split('|')) {
    const sp = entry.indexOf(' ');
    if (sp <= 0) continue;
    const from = entry.slice(0, sp);
    const to = entry.slice(sp + 1).split(' ')[0] ?? '';
    const f = from.codePointAt(0);
    const t = to.codePointAt(0);
    if (f === undefined || t === undefined) continue;
    if (String.fromCodePoint(f) !== from || String.fromCodePoint(t) !== to) continue; // phrases: skip
    m.set(f, t);
  }
  return m;
}
