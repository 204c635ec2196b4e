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
  readonly starts: readonly number[];
  /** For each UTF-16 unit of `text`: the index in `original` just after its source character. */
  readonly ends: readonly number[];
  /**
   * For each UTF-16 unit of `text`: how many clause breaks (。，！？；：, line ends and spaces
   * between phrases in the original) come before it. Two positions are in one clause when their counts are equal;
   * negation reaches to the end of its clause ("请勿扫描陌生人发来的二维码付款").
   */
  readonly clauses: readonly number[];
  /**
   * Written word by word (a corpus's segmentation): its single spaces broke no clause, so a
   * negation reaches only its own few characters (negation_window), not the rest of the text.
   */
  readonly segmented?: boolean;
}

// Letters that are drawn like Latin letters or digits and are used to dodge filters.
// Only the common Cyrillic/Greek look-alikes: a wider table would mangle real Russian or Greek.
const CONFUSABLE: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y', к: 'k', м: 'm', т: 't', в: 'b', н: 'h',
  і: 'i', ј: 'j', ο: 'o', α: 'a', ν: 'v', ι: 'i', κ: 'k', τ: 't', ρ: 'p',
};

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x3000 || c === 0x09;
const isHan = (c: number): boolean => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
/**
 * A space between two runs of at least two Chinese characters separates phrases, as
 * punctuation does ("无需抵押 放款前需交费"); a space between single characters is letter-spacing
 * that dodges filters ("消 除 记 录") and separates nothing.
 */
function phraseGap(s: string, i: number, segmented: boolean): boolean {
  // Looks past at most a few spaces: a longer run is a gap anyway (and a run of a million
  // spaces must not be rescanned at each of them).
  let j = i + 1;
  while (j < s.length && j - i <= 8 && isSpace(s.charCodeAt(j))) j++;
  if (j < s.length && isSpace(s.charCodeAt(j))) return true;
  // Text split into words (a corpus's word segmentation, "尊敬 的 用户 您 的 手机 银行 将 于 今日 失效"): a
  // single space there separates words, not phrases.
  if (segmented) return false;
  return i >= 2 && j + 1 < s.length && isHan(s.charCodeAt(i - 1)) && isHan(s.charCodeAt(i - 2)) && isHan(s.charCodeAt(j)) && isHan(s.charCodeAt(j + 1));
}

/**
 * Whether a text is written word by word, as word-segmented corpora print it: at least
 * four single spaces between Chinese characters, and the runs between spaces short (on
 * average at most three characters — words, not phrases). Read once per text, at its
 * first space.
 */
function isSegmented(s: string): boolean {
  let gaps = 0;
  let han = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHan(c)) han++;
    else if (c === 0x20 && i > 0 && i + 1 < s.length && isHan(s.charCodeAt(i - 1)) && isHan(s.charCodeAt(i + 1))) gaps++;
  }
  return gaps >= 4 && han <= 3 * (gaps + 1);
}

/** Punctuation that ends a clause, full-width and ASCII. */
const CLAUSE_BREAK = [...'，。！？；：,!?;:\n\r'].map((c) => c.charCodeAt(0));

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

/** Folded forms of one code point: a single UTF-16 unit, dropped, or a longer string. */
const UNKNOWN = -1;
const DROP = -2;
const LONG = -3;
/** A high surrogate: text only when its low half follows. */
const HIGH = -4;

/**
 * A normaliser's per-code-point table with every BMP code point folded: the build stores it
 * (src/data/engine-tables.ts) so that a run starts with it instead of folding each new
 * character on first sight. Valid only for the same traditional→simplified table and the
 * same Unicode data (Node version) it was made with.
 */
export interface NormaliserTable {
  /** For each BMP code point: its single folded unit, or a DROP / LONG / HIGH marker. */
  readonly unit: Int32Array;
  /** Folded forms longer than one unit (and astral code points met so far). */
  readonly long: readonly (readonly [number, string])[];
}

/**
 * A text that takes every branch of normaliseView: ASCII and CJK, dropped symbols with and
 * without a clause break, characters folding to more than one unit (ﬁ, Ⅻ), astral characters
 * kept (𝟓) and dropped (😀), lone surrogates, digit look-alikes, and enough of them to grow the
 * buffers midway.
 */
const WARM_UP = '消'.repeat(300) + 'Ab1 中文，繁體。ﬁ 𝟓😀 \ud800x\udc00 5oo ①Ⅻ㈱ ' + 'Ⅻ'.repeat(150);

/** A normaliser bound to one traditional→simplified table, with its per-code-point cache. */
export class Normaliser {
  /** For each BMP code point: its single folded unit, or UNKNOWN / DROP / LONG. */
  private readonly unit = new Int32Array(65536).fill(UNKNOWN);
  /** Folded forms that are longer than one unit, and astral code points. */
  private readonly long = new Map<number, string>();
  private readonly isBreak = new Uint8Array(65536);
  // Scratch buffers, reused across calls and copied out at the end. The offset maps are
  // plain arrays of small integers: copying those is ten times cheaper here than
  // allocating a typed array per message.
  private out = new Uint16Array(256);
  private starts: number[] = new Array<number>(256).fill(0);
  private ends: number[] = new Array<number>(256).fill(0);
  private clauses: number[] = new Array<number>(256).fill(0);

  /** Regional phrases and their folds (equal lengths), and one pattern that finds any of them. */
  private readonly phraseFold: ReadonlyMap<string, string>;
  private readonly phrasePattern: RegExp | undefined;

  /**
   * `table`: a full table made by `fullTable()` of a normaliser with the same `t2s`, used as is.
   * `phrases`: regional words folded after the characters, [from, to] of the same length
   * (data/rules/_variants.yaml), so every unit of the matching form keeps its place in the original.
   */
  constructor(
    private readonly t2s: CharMap,
    table?: NormaliserTable,
    phrases: readonly (readonly [string, string])[] = [],
  ) {
    for (const [from, to] of phrases) {
      if (from.length !== to.length || from.length === 0) throw new Error(`normaliser phrase "${from}" → "${to}": lengths differ`);
    }
    this.phraseFold = new Map(phrases);
    // Longest first, so an alternation prefers 超连结 to 连结.
    const alternatives = [...this.phraseFold.keys()].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.phrasePattern = alternatives.length === 0 ? undefined : new RegExp(alternatives.join('|'), 'g');
    for (const c of CLAUSE_BREAK) this.isBreak[c] = 1;
    for (const c of [0xff0c, 0xff01, 0xff1f, 0xff1b, 0xff1a]) this.isBreak[c] = 1; // full-width forms
    if (table !== undefined) {
      if (table.unit.length !== 65536) throw new Error('normaliser table: expected 65536 entries');
      this.unit.set(table.unit);
      for (const [cp, s] of table.long) this.long.set(cp, s);
    } else {
      this.fillAscii();
    }
    // Every branch of normaliseView, before any real text: V8 then optimises it with feedback
    // for all of them, instead of deoptimising and recompiling each time a rarer kind of
    // character first turns up (classify over the dev set: 8 compiles of it before, 3 after).
    // Twice, the rare characters last: V8 records feedback only once a function has run a while.
    // The output is that of any other call: the scratch buffers are overwritten by the next.
    this.normaliseView(WARM_UP);
    this.normaliseView(WARM_UP);
  }

  private fillAscii(): void {
    for (let c = 0; c < 128; c++) {
      if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) this.unit[c] = c;
      else if (c >= 65 && c <= 90) this.unit[c] = c + 32;
      else this.unit[c] = DROP;
    }
    for (let c = 0xdc00; c <= 0xdfff; c++) this.unit[c] = DROP; // a low surrogate alone is not text
    for (let c = 0xd800; c <= 0xdbff; c++) this.unit[c] = HIGH;
  }

  /**
   * Folds every BMP code point not folded yet, exactly as `normaliseView` does on first sight,
   * and returns a copy of the table: what a later normaliser with the same `t2s` can start from.
   */
  fullTable(): NormaliserTable {
    const unit = this.unit;
    for (let c = 0; c < 65536; c++) {
      if (unit[c] !== UNKNOWN) continue;
      const s = foldCodePoint(c, this.t2s);
      unit[c] = s.length === 0 ? DROP : s.length === 1 ? s.charCodeAt(0) : LONG;
      if (unit[c] === LONG) this.long.set(c, s);
    }
    return { unit: unit.slice(), long: [...this.long] };
  }

  private foldLong(cp: number): string {
    let s = this.long.get(cp);
    if (s === undefined) {
      s = foldCodePoint(cp, this.t2s);
      this.long.set(cp, s);
    }
    return s;
  }

  private ensure(size: number): void {
    if (size <= this.out.length) return;
    const grow = Math.max(size, this.out.length * 2);
    const o = new Uint16Array(grow);
    o.set(this.out);
    this.out = o;
    for (const a of [this.starts, this.ends, this.clauses]) while (a.length < grow) a.push(0);
  }

  /** The matching form with offset maps of its own. */
  normalise(original: string): NormalisedText {
    const view = this.normaliseView(original);
    const len = view.text.length;
    return { ...view, starts: view.starts.slice(0, len), ends: view.ends.slice(0, len), clauses: view.clauses.slice(0, len) };
  }

  /**
   * The same, but the offset maps are this normaliser's scratch buffers: valid only until
   * its next call, and longer than the text (entries past text.length mean nothing). For the
   * hot path, which uses them at once and keeps nothing.
   */
  normaliseView(original: string): NormalisedText {
    const n = original.length;
    this.ensure(n + 8);
    let { out, starts, ends, clauses } = this;
    const unit = this.unit;
    let clause = 0;
    let broke = false;
    let len = 0;
    let segmented: boolean | undefined;
    for (let i = 0; i < n; ) {
      const c = original.charCodeAt(i);
      let u = unit[c]!;
      if (u >= 0) {
        // The common case: one unit in, one unit out.
        if (broke && len > 0) clause++;
        broke = false;
        out[len] = u;
        starts[len] = i;
        ends[len] = i + 1;
        clauses[len] = clause;
        len++;
        i++;
        continue;
      }
      if (u === DROP) {
        if (this.isBreak[c] === 1 || (isSpace(c) && phraseGap(original, i, (segmented ??= isSegmented(original))))) broke = true;
        i++;
        continue;
      }
      let cp = c;
      let width = 1;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const lo = original.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      let s: string;
      if (u === HIGH && width === 1) {
        s = ''; // a lone high surrogate
      } else if (u === UNKNOWN && width === 1) {
        s = foldCodePoint(cp, this.t2s);
        u = s.length === 0 ? DROP : s.length === 1 ? s.charCodeAt(0) : LONG;
        unit[c] = u;
        if (u === LONG) this.long.set(cp, s);
      } else {
        s = this.foldLong(cp); // astral, or longer than one unit
      }
      if (s.length === 0) {
        if (this.isBreak[c] === 1) broke = true;
        i += width;
        continue;
      }
      if (len + s.length + 8 > out.length) {
        this.ensure(len + s.length + (n - i) + 8);
        ({ out, starts, ends, clauses } = this);
      }
      if (broke && len > 0) clause++;
      broke = false;
      for (let k = 0; k < s.length; k++) {
        out[len] = s.charCodeAt(k);
        starts[len] = i;
        ends[len] = i + width;
        clauses[len] = clause;
        len++;
      }
      i += width;
    }
    let text = unitsToString(out, len);
    if (this.phrasePattern !== undefined) text = text.replace(this.phrasePattern, (m) => this.phraseFold.get(m)!);
    text = fixDigitHomoglyphs(text);
    return segmented === true ? { original, text, starts, ends, clauses, segmented } : { original, text, starts, ends, clauses };
  }
}

const utf16 = new TextDecoder('utf-16le');
/** Node's Buffer where there is one (not in the browser): its UTF-16 decoding is ~2× faster for short texts. */
const NodeBuffer = (globalThis as { Buffer?: { from(a: ArrayBuffer, offset: number, length: number): { toString(encoding: 'utf16le'): string } } }).Buffer;

function unitsToString(units: Uint16Array, len: number): string {
  if (NodeBuffer !== undefined) return NodeBuffer.from(units.buffer as ArrayBuffer, units.byteOffset, len * 2).toString('utf16le');
  return utf16.decode(units.subarray(0, len));
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
