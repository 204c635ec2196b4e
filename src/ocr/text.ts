/**
 * Tesseract's text made readable for a person and for the check: the lines of one bubble
 * (a paragraph: Tesseract separates paragraphs by a blank line) joined back into one line,
 * without a space where the bubble wrapped Chinese text, a link or a word inside Chinese
 * text; spaces between two Chinese characters dropped (Tesseract puts some there that were
 * never on screen); lines that are only a stray symbol (a bubble's edge read as "|") dropped. Nothing else is changed: what
 * Tesseract misread stays for the person to correct. Pure; runs anywhere.
 */

/** Chinese characters and the full-width punctuation around them. */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014]/u;
const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);

/** A line made only of symbols and marks, at most a few characters: no text. */
const JUNK_LINE = /^[\s|[\]{}()<>_\-—~`'"‘’“”.,;:!?·•、。，：；！？\\/]{0,4}$/u;

/** Spaces between two Chinese characters removed; runs of spaces elsewhere made one. */
export function closeCjkSpaces(line: string): string {
  const chars = [...line.replace(/[ \t\u00a0\u3000]+/g, ' ')];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ' ' && isCjk(out.at(-1)) && isCjk(chars[i + 1])) continue;
    out += c;
  }
  return out.trim();
}

/** Whether the last word of a line looks like part of a link or a long number (wrapped without a space). */
const endsInLinkOrNumber = (line: string): boolean => /(?:https?:\/\/|www\.|[\w-]+\.[a-z]{2,}|\/)[^\s]*$|\d$/i.test(line);

/**
 * Joins the lines of one paragraph as the bubble wrapped them. In a Chinese message a wrap
 * between two Latin letters is taken as a word broken at the edge ("Ap" + "p"); in a Latin
 * one, as a space.
 */
function joinWrapped(lines: readonly string[]): string {
  const all = lines.join('');
  const chinese = [...all].filter((c) => isCjk(c)).length > [...all].length * 0.3;
  let out = '';
  for (const l of lines) {
    if (out === '') {
      out = l;
      continue;
    }
    const tight = chinese || isCjk(out.at(-1)) || isCjk(l[0]) || endsInLinkOrNumber(out);
    out += (tight ? '' : ' ') + l;
  }
  return out;
}

/** Tesseract's page text → one line per paragraph (message bubble), tidied. */
export function tidyOcrText(raw: string): string {
  const paragraphs = raw.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n+/);
  const out: string[] = [];
  for (const p of paragraphs) {
    const lines = p
      .split('\n')
      .map((l) => closeCjkSpaces(l.replace(/^\s*\|\s*|\s*\|\s*$/g, '')))
      .filter((l) => l !== '' && !JUNK_LINE.test(l));
    if (lines.length > 0) out.push(joinWrapped(lines));
  }
  return out.join('\n');
}
