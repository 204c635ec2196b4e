/** A one-pass test for a few short words (the violation model's gate), used on every checked text. */

/**
 * Whether any of a few words occurs in a text, in one pass: a flag per code unit that starts
 * a word, then the words starting with that unit. The same answer as
 * `words.some((w) => text.includes(w))` for non-empty words (an empty one is ignored),
 * without a search of the whole text per word.
 */
export class WordFinder {
  private readonly starts = new Uint8Array(65536);
  private readonly byFirst = new Map<number, string[]>();

  constructor(words: readonly string[]) {
    for (const w of words) {
      if (w.length === 0) continue;
      const c = w.charCodeAt(0);
      this.starts[c] = 1;
      const list = this.byFirst.get(c);
      if (list === undefined) this.byFirst.set(c, [w]);
      else list.push(w);
    }
  }

  occursIn(text: string): boolean {
    const starts = this.starts;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (starts[c] === 0) continue;
      for (const w of this.byFirst.get(c)!) if (w.length === 1 || text.startsWith(w, i)) return true;
    }
    return false;
  }
}

/** A finder for words as texts are folded (`fold`: the normaliser's), leaving out words that fold to nothing. */
export function foldedFinder(words: readonly string[], fold: (s: string) => string): WordFinder {
  return new WordFinder(words.map(fold).filter((t) => t !== ''));
}
