/**
 * The one-year LPR in force on a contract date, for the private-lending cap (SPC
 * private-lending provisions, 2020, art. 25: four times the one-year LPR at contract
 * formation). The user's own value for the contract month wins; otherwise the shipped row in
 * force on that day (its `from` on or before the date, the month within its `through`). A
 * date after the last shipped month, or before the LPR existed, has no value — never a guess.
 */
import type { LprRate, LprTable } from './schemas.js';

/** The first one-year LPR under the reformed mechanism was published on this day. */
export const LPR_START = '2019-08-20';

export type LprFound = {
  found: true;
  month: string;
  rate_percent: number;
  /** Four times the rate, in percent: the private-lending cap. */
  cap_percent: number;
  source: string;
  /** The sources named in Chinese (shipped rows; the user's own rows are in the words they typed). */
  source_zh?: string;
  /** reported (news), unconfirmed (an unsourced data file) or yours (added by the user). */
  strength: 'reported' | 'unconfirmed' | 'yours';
  /** When the value took effect (shipped rows), or the month's first day (the user's own). */
  effective_from: string;
};

export type LprMissing = {
  found: false;
  month: string;
  /** before_lpr: the contract predates 2019-08-20; unconfirmed: no confirmed value for the month. */
  reason: 'before_lpr' | 'unconfirmed';
  /** The last month the shipped table lists a value for (confirmed or not), if it has any rows. */
  table_through?: string;
};

export type LprLookup = LprFound | LprMissing;

const found = (r: LprRate, strength: LprFound['strength'], from: string): LprFound => ({
  found: true,
  month: r.month,
  rate_percent: r.rate_percent,
  cap_percent: Math.round(4 * r.rate_percent * 100) / 100,
  source: r.source,
  ...(r.source_zh !== undefined ? { source_zh: r.source_zh } : {}),
  strength,
  effective_from: from,
});

export function lprOn(table: LprTable, date: string): LprLookup {
  const month = date.slice(0, 7);
  const own = table.rates.filter((r) => r.strength === undefined && r.month === month).at(-1);
  if (own) return found(own, 'yours', `${month}-01`);
  const shipped = table.rates.filter((r) => r.strength !== undefined && r.from !== undefined && r.through !== undefined);
  let best: LprRate | undefined;
  for (const r of shipped) if (r.from! <= date && month <= r.through! && (best === undefined || r.from! > best.from!)) best = r;
  if (best) return found(best, best.strength!, best.from!);
  const through = shipped.reduce<string | undefined>((m, r) => (m === undefined || r.through! > m ? r.through! : m), undefined);
  return { found: false, month, reason: date < LPR_START ? 'before_lpr' : 'unconfirmed', ...(through ? { table_through: through } : {}) };
}
