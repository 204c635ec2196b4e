/** Money in integer fen (1 yuan = 100 fen): parsed from text without floating point, shown as yuan. */

export class MoneyError extends Error {}

/** "1,000.5" / "1000" / "¥1000.50" / "1000元" → 100050 fen. */
export function parseFen(text: string): number {
  const t = text.trim().replace(/^[¥￥]/, '').replace(/元$/, '').replace(/[,，\s]/g, '');
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(t);
  if (m === null) throw new MoneyError(`"${text}" is not an amount in yuan (e.g. 1000 or 1,000.50)`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(a / 100).toLocaleString('en-US')}.${String(a % 100).padStart(2, '0')}`;
}
