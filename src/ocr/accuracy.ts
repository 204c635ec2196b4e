/**
 * Character accuracy of OCR output against the texts it should contain, for tests and the
 * benchmark: each expected text is found where it fits best in the output (edit distance
 * with a free start and end, so the status bar, the sender and other messages around it cost
 * nothing), and accuracy is 1 − edits ÷ expected characters over all texts together.
 * Both sides are compared in NFKC with all white space removed (full- and half-width
 * punctuation count as the same; spaces are not characters a person reads).
 */
export const normaliseForScore = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');

/** Fewest edits turning `needle` into some substring of `hay` (semi-global Levenshtein). */
export function bestSubstringDistance(needle: string, hay: string): number {
  const a = [...needle];
  const b = [...hay];
  let prev = new Array<number>(b.length + 1).fill(0); // free start anywhere in hay
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return Math.min(...prev); // free end
}

export interface AccuracyReport {
  /** 1 − edits ÷ characters, over all expected texts. */
  accuracy: number;
  chars: number;
  edits: number;
  perText: { text: string; edits: number; chars: number }[];
}

export function characterAccuracy(output: string, expected: readonly string[]): AccuracyReport {
  const hay = normaliseForScore(output);
  const perText = expected.map((t) => {
    const n = normaliseForScore(t);
    return { text: t, edits: bestSubstringDistance(n, hay), chars: [...n].length };
  });
  const chars = perText.reduce((s, x) => s + x.chars, 0);
  const edits = perText.reduce((s, x) => s + x.edits, 0);
  return { accuracy: chars === 0 ? 1 : 1 - edits / chars, chars, edits, perText };
}
