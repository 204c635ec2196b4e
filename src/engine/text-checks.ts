/**
 * Whole-text conditions taken out of a rule's regular expression, so that they are tested once
 * per text instead of once per place the rest of the expression is tried.
 *
 * Rules say "only when the message does not mention a debt" with a lookbehind that reaches back
 * to the start of the text: `(?<=(?!.*(?:欠|逾期))^.*)` or `(?<=^(?=.*(?:逾期)).*)`. Its truth
 * is the same at every position of a text with no line break (the folded text has none), yet
 * the regex engine tests it, walking the whole text, at every place the expression before it
 * matched: a long text where the trigger recurs took minutes (337,000 characters: 75 s, most
 * of it one such expression). Such a lookbehind, when it stands at the top level of an
 * expression with no top-level alternative and no quantifier after it, is exactly "the
 * lookaheads inside it hold at the start of the text": split off here as one expression tested
 * once, the rest of the expression run as before. A text holding a line terminator (where `.`
 * stops and the split would not be exact) is matched with the whole expression, as written.
 */

/**
 * An expression split: `body` is run over the text only when `check` (if any) holds at its start,
 * and its matches are kept only while they start before the first place a match of `endsFirst`
 * (if any) ends.
 */
export interface SplitRegex {
  readonly body: string;
  /** `^` followed by the lookaheads taken out, in order. */
  readonly check?: string;
  /** X of a leading `(?<!X.*)` taken out ("no X anywhere before the match"): the matches end where X first ends. */
  readonly endsFirst?: string;
}

/** The top-level parts of a regex source: groups as [start, end] (end: the index of `)`), and whether there is a top-level `|`. */
function topLevel(source: string): { groups: [number, number][]; alternation: boolean; balanced: boolean } {
  const groups: [number, number][] = [];
  let depth = 0;
  let inClass = false;
  let start = -1;
  let alternation = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth < 0) return { groups, alternation, balanced: false };
      if (depth === 0) groups.push([start, i]);
    } else if (c === '|' && depth === 0) alternation = true;
  }
  return { groups, alternation, balanced: depth === 0 && !inClass };
}

/**
 * The lookaheads of a whole-text lookbehind's inside (`(?!.*X)^.*`, `^(?=.*Y).*`, …): every
 * top-level item a lookahead, one `^`, and `.*` last. Undefined when the inside has any other form.
 */
function wholeTextLookaheads(inner: string): string[] | undefined {
  if (!inner.endsWith('.*')) return undefined;
  const head = inner.slice(0, -2);
  const { groups, alternation, balanced } = topLevel(head);
  if (alternation || !balanced) return undefined;
  const lookaheads: string[] = [];
  let caret = 0;
  let at = 0;
  for (const [s, e] of groups) {
    const between = head.slice(at, s);
    if (between === '^') caret++;
    else if (between !== '') return undefined;
    const group = head.slice(s, e + 1);
    if (!group.startsWith('(?=') && !group.startsWith('(?!')) return undefined;
    lookaheads.push(group);
    at = e + 1;
  }
  const rest = head.slice(at);
  if (rest === '^') caret++;
  else if (rest !== '') return undefined;
  return caret === 1 && lookaheads.length > 0 ? lookaheads : undefined;
}

/**
 * Splits the whole-text lookbehinds off a regex source (see the module's comment), or gives
 * undefined when it has none that can be split off exactly.
 */
export function splitWholeTextChecks(source: string): SplitRegex | undefined {
  // A backreference counts groups, and taking a group out would renumber those after it.
  if (/\\[1-9]|\\k</.test(source)) return undefined;
  const { groups, alternation, balanced } = topLevel(source);
  if (alternation || !balanced) return undefined;
  const lookaheads: string[] = [];
  let body = '';
  let at = 0;
  // A leading `(?<!X.*)`: at a match's start p it holds exactly while no match of X ends at or before p.
  let endsFirst: string | undefined;
  const first = groups[0];
  if (first !== undefined && first[0] === 0 && source.startsWith('(?<!') && !/^[?*+{]/.test(source.slice(first[1] + 1))) {
    const inner = source.slice(4, first[1]);
    const x = inner.slice(0, -2);
    const xTop = topLevel(x);
    if (inner.endsWith('.*') && x !== '' && xTop.balanced && !xTop.alternation && !x.endsWith('\\')) {
      endsFirst = x;
      at = first[1] + 1;
    }
  }
  for (const [s, e] of groups) {
    if (s < at) continue;
    if (!source.startsWith('(?<=', s)) continue;
    if (/^[?*+{]/.test(source.slice(e + 1))) continue; // a quantified assertion: left as it is
    const inner = wholeTextLookaheads(source.slice(s + 4, e));
    if (inner === undefined) continue;
    lookaheads.push(...inner);
    body += source.slice(at, s);
    at = e + 1;
  }
  if (lookaheads.length === 0 && endsFirst === undefined) return undefined;
  body += source.slice(at);
  if (body === '') return undefined;
  return { body, ...(lookaheads.length > 0 ? { check: '^' + lookaheads.join('') } : {}), ...(endsFirst !== undefined ? { endsFirst } : {}) };
}

/** Whether a text holds a character that `.` does not match (where the split would not be exact). */
export const hasLineTerminator = (text: string): boolean => /[\n\r\u2028\u2029]/.test(text);
