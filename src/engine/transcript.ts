/**
 * Call transcripts as recorder apps and people write them: one turn a line, a speaker label
 * before a colon ("对方：…", "我：…", "催收员:", "A:"), optionally after a timestamp
 * ("[00:12] 对方：…", "10:02:11 我: …"), or pasted on one line with the usual labels after
 * spaces ("对方：… 我：… 对方：…"). The check analyses what the other party said; the
 * person's own turns are blanked out so that "我不会把钱转到安全账户" can never count
 * against them. Blanking keeps every character offset, so spans still map to the original.
 */

/** Labels a person uses for their own turns (folded to lower case). */
const SELF = new Set(['我', '本人', '自己', '机主', '我方', '用户', '客户', '当事人', '借款人', 'me', 'i', 'myself', 'user']);

// A turn: optional timestamp, a short label, then a full- or half-width colon.
const TURN = /^[ \t\u3000]*(?:[[(（【]?(?:\d{2,4}[-/.年])?(?:\d{1,2}[-/.月]\d{1,2}日?[ \t\u3000]*)?\d{1,2}:\d{2}(?::\d{2})?[\])）】]?[ \t\u3000]*)?([^\s:：,，。]{1,8})[ \t\u3000]*[:：]/;

export interface Transcript {
  /** The text to analyse: the person's turns replaced by spaces (same length). */
  readonly analysed: string;
  /** Whether the text was read as a dialogue with the person's own turns set aside. */
  readonly dialogue: boolean;
}

/**
 * Labels that open a turn inside a line too ("对方：… 我：… 对方：…", a dialogue pasted on one
 * line): the person's own labels and the usual ones for the other side. Only these, after the
 * start, a space or the end of a sentence ("…您好。我：…"), so that "注意：" or "时间：" in a
 * message is never taken for a turn.
 */
const OTHER = new Set(['对方', '来电', '来电人', '催收', '催收员', '催收人员', '客服', '坐席', '专员', '律师', '调解员', '民警', '警官', '银行', '平台', '骗子', 'a', 'b', '甲', '乙']);
const INLINE_TURN = /(^|[ \t\u3000]+|[。！？!?；;])([^\s:：,，。]{1,5})[ \t\u3000]*[:：]/g;

/** A one-line dialogue: its turns as [start, end) with the person's own marked; undefined when it is not one. */
function inlineTurns(text: string): { start: number; end: number; self: boolean }[] | undefined {
  const starts: { at: number; self: boolean }[] = [];
  for (const m of text.matchAll(INLINE_TURN)) {
    const label = m[2]!.toLowerCase();
    if (!SELF.has(label) && !OTHER.has(label)) continue;
    starts.push({ at: m.index! + m[1]!.length, self: SELF.has(label) });
  }
  if (starts.length < 2 || !starts.some((t) => t.self) || !starts.some((t) => !t.self)) return undefined;
  // Whatever comes before the first turn is no one's turn: it is analysed as the other side's.
  return starts.map((t, i) => ({ start: t.at, end: i + 1 < starts.length ? starts[i + 1]!.at : text.length, self: t.self }));
}

/** The person's own turn set aside: as long as it was, a clause break then spaces (no term or negation reaches across it). */
function blank(length: number): string {
  return length > 0 ? '。' + ' '.repeat(length - 1) : '';
}

/** Reads a dialogue; any other text is returned unchanged. Linear in the text's length. */
export function readTranscript(text: string): Transcript {
  if (text.indexOf(':') < 0 && text.indexOf('：') < 0) return { analysed: text, dialogue: false };
  if (text.indexOf('\n') < 0) {
    const turns = inlineTurns(text);
    if (turns === undefined) return { analysed: text, dialogue: false };
    let analysed = '';
    let at = 0;
    for (const t of turns) {
      if (!t.self) continue;
      analysed += text.slice(at, t.start) + blank(t.end - t.start);
      at = t.end;
    }
    return { analysed: analysed + text.slice(at), dialogue: true };
  }
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
    if (speaker !== undefined && SELF.has(speaker)) out.push(blank(line.length));
    else out.push(line);
  }
  return { analysed: out.join('\n'), dialogue: true };
}
