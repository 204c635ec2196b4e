/**
 * Call transcripts as recorder apps and people write them: one turn a line, a speaker label
 * before a colon ("对方：…", "我：…", "催收员:", "A:"), optionally after a timestamp
 * ("[00:12] 对方：…", "10:02:11 我: …"). The check analyses what the other party said; the
 * person's own turns are blanked out so that "我不会把钱转到安全账户" can never count
 * against them. Blanking keeps every character offset, so spans still map to the original.
 */

/** Labels a person uses for their own turns (folded to lower case). */
const SELF = new Set(['我', '本人', '自己', '机主', '我方', '用户', '客户', 'me', 'i', 'myself', 'user']);

// A turn: optional timestamp, a short label, then a full- or half-width colon.
const TURN = /^[ \t\u3000]*(?:[[(（【]?\d{1,2}:\d{2}(?::\d{2})?[\])）】]?[ \t\u3000]*)?([^\s:：,，。]{1,8})[ \t\u3000]*[:：]/;

export interface Transcript {
  /** The text to analyse: the person's turns replaced by spaces (same length). */
  readonly analysed: string;
  /** Whether the text was read as a dialogue with the person's own turns set aside. */
  readonly dialogue: boolean;
}

/** Reads a dialogue; any other text is returned unchanged. Linear in the text's length. */
export function readTranscript(text: string): Transcript {
  // Cheap exit: a dialogue has at least two lines with a colon.
  if (text.indexOf('\n') < 0 || (text.indexOf(':') < 0 && text.indexOf('：') < 0)) return { analysed: text, dialogue: false };
  const lines = text.split('\n');
  const labels: (string | undefined)[] = lines.map((l) => TURN.exec(l)?.[1]?.toLowerCase());
  const labelled = labels.filter((l) => l !== undefined).length;
  const selfTurns = labels.filter((l) => l !== undefined && SELF.has(l)).length;
  // A dialogue: at least two labelled turns, at least half the non-empty lines labelled, and one of them the person's.
  const nonEmpty = lines.filter((l) => l.trim() !== '').length;
  if (labelled < 2 || labelled * 2 < nonEmpty || selfTurns === 0) return { analysed: text, dialogue: false };
  const out: string[] = [];
  let speaker: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (labels[i] !== undefined) speaker = labels[i];
    // An unlabelled line continues the previous speaker's turn.
    if (speaker !== undefined && SELF.has(speaker)) out.push(line.length > 0 ? '。' + ' '.repeat(line.length - 1) : '');
    else out.push(line);
  }
  return { analysed: out.join('\n'), dialogue: true };
}
