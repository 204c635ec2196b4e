/** The browser's local date and time, in the forms its date and datetime-local inputs take. */

/** Now, as "YYYY-MM-DDTHH:mm" in the browser's zone. */
export function nowLocal(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** Today, as "YYYY-MM-DD" in the browser's zone. */
export const todayLocal = (): string => nowLocal().slice(0, 10);

/** "2026-11-29" → "2026年11月29日" in Chinese; unchanged in English. */
export function shownDate(date: string, lang: 'zh' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m && lang === 'zh' ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** When a provision is in force, as a sentence part: "2021年1月1日起施行" / "in force from 2021-01-01". */
export function inForceText(from: string, to: string | null, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return `${shownDate(from, 'zh')}起施行${to ? `，${shownDate(to, 'zh')}失效` : ''}`;
  return `in force from ${from}${to ? ` until ${to}` : ''}`;
}
