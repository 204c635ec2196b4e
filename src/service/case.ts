/**
 * The case as the record tells it — verdicts, harassment findings, the lender and its kind —
 * and what follows from it: the channels to complain to (routing) and a filled letter.
 * Shared by `dunguard route|letter` and the HTTP API.
 */
import { signalTitles } from '../data/signal-titles.js';
import { LawTable } from '../engine/law.js';
import { buildLetter, type Letter, type LetterFacts } from '../act/letter.js';
import { route, type CaseFacts, type Route } from '../act/route.js';
import { analyseHarassment } from '../record/harassment.js';
import { contactedKind } from '../record/labels.js';
import { BEIJING_OFFSET, offsetAt, shownTime, todayInShanghai, utcOffsetLabel } from '../record/time.js';
import { costOf } from '../ledger/cost.js';
import { formatYuan, parseFen } from '../ledger/money.js';
import { proposePlan } from '../ledger/plan.js';
import type { LenderKind } from '../ledger/schemas.js';
import { safeForTerminal } from '../present/safe-text.js';
import { UserError } from './errors.js';
import { lprTable, type StoreContext } from './ledger-of.js';

export interface CaseFlags {
  lender?: string;
  lenderKind?: LenderKind;
  loss?: boolean;
  credit?: boolean;
}

/** The facts of the case from the record: verdicts, findings, the lender and its kind. */
export async function caseOf(ctx: StoreContext, f: CaseFlags) {
  const events = await ctx.store.listEvents();
  const law = new LawTable(ctx.data.law);
  const report = analyseHarassment(events, ctx.data.harassment, law, {}, signalTitles(ctx.data));
  const debts = await ctx.store.listDebts();
  const lender = f.lender ?? report.byLender[0]?.lender;
  const debt = lender === undefined ? undefined : debts.find((d) => d.lender.name === lender);
  const facts: CaseFacts = {
    verdicts: new Set(events.map((e) => e.analysis?.verdict).filter((v): v is NonNullable<typeof v> => v !== undefined)),
    findings: new Set(report.findings.map((x) => x.id)),
    loss: f.loss ?? false,
    credit: f.credit ?? false,
    ...(f.lenderKind ?? debt?.lender.kind ? { lenderKind: (f.lenderKind ?? debt?.lender.kind)! } : {}),
  };
  // Third-party contacts, night calls and the like are rule-breaking collection even when no text was recorded.
  if (['NIGHT_CONTACT', 'UNANSWERED_OVER_LIMIT', 'THIRD_PARTY_CONTACT'].some((x) => facts.findings.has(x))) (facts.verdicts as Set<string>).add('collection_violation');
  return { events, report, law, lender, debt, facts };
}

/** The recommended channels for the case, most fitting first. */
export async function routesFor(ctx: StoreContext, f: CaseFlags): Promise<Route[]> {
  const { facts } = await caseOf(ctx, f);
  return route(facts, ctx.data.routing, ctx.data.channels);
}

export interface LetterFlags extends CaseFlags {
  /** Yuan a month the user can pay, for the repayment-negotiation letter. */
  monthly?: string;
  policeStation?: string;
}

export async function letterFor(ctx: StoreContext, type: string, f: LetterFlags): Promise<Letter> {
  const t = ctx.data.letters.find((l) => l.id === type);
  if (t === undefined) throw new UserError('NOT_FOUND', `没有“${type}”这种信函：用 dunguard letter list 查看可以生成的信函`, `No letter type ${type} (see dunguard letter list)`);
  const profile = await ctx.store.getProfile();
  if (profile === undefined) throw new UserError('NO_PROFILE', '请先填写本人信息（只保存在本机，用于信函落款）：dunguard profile --name 您的姓名 --id-tail 身份证号后四位', 'First give your details (kept on this machine only, for signing letters): dunguard profile --name "Your Name" --id-tail LAST4');
  const { events, report, law, lender, debt } = await caseOf(ctx, f);
  const today = todayInShanghai();
  // Times as the clock read where the event happened (the record keeps instants, some written in UTC or another offset).
  // The letter's table is headed Beijing time; a time kept in another zone says so, with its offset.
  const when = events.map((e) => {
    const zone = e.time_zone || ctx.data.harassment.timezone;
    const shown = shownTime(e.occurred_at, zone);
    const offset = offsetAt(Date.parse(e.occurred_at), zone);
    return offset === BEIJING_OFFSET ? shown : `${shown}（当地时间 ${utcOffsetLabel(offset)}）`;
  });
  const evidence = await ctx.store.listEvidence();
  const cost = debt ? costOf(debt, await lprTable(ctx.store, ctx.data), today) : undefined;
  const facts: LetterFacts = {
    ...profile,
    // The lender is most often the platform the sender claimed: its text is the sender's, shown safely.
    ...(lender ? { lender: safeForTerminal(lender) } : {}),
    ...(debt?.contract_no ? { contract_no: debt.contract_no } : {}),
    ...(f.policeStation ? { police_station: f.policeStation } : {}),
    loss: f.loss ?? false,
    first_date: when[0]?.slice(0, 10) ?? today,
    last_date: when[when.length - 1]?.slice(0, 10) ?? today,
    event_count: events.length,
    numbers: [...new Set(events.map((e) => e.number).filter((n): n is string => n !== undefined))],
    events: events.map((e, i) => ({
      when: when[i]!,
      kind: contactedKind(e.kind, e.contacted),
      // The record's text is the sender's (hostile) text: control and bidi-override characters shown as codes,
      // links defanged, as everywhere it is printed; the letter's renderers escape it besides.
      number: safeForTerminal(e.number ?? ''),
      who: safeForTerminal([e.claimed.platform, e.claimed.company, e.claimed.role].filter(Boolean).join(' / ')),
      summary: safeForTerminal((e.content ?? e.notes ?? '').slice(0, 60)),
    })),
    findings: report.findings.filter((x) => !x.id.startsWith('US_')).map((x) => ({ title: x.title.zh, events: x.events.length })),
    evidence: evidence.map((x) => ({ sha256: x.sha256, name: x.name, size: x.size })),
    ...(debt && cost
      ? { debt: { principal: formatYuan(debt.principal_fen), received: formatYuan(debt.received_fen), outstanding: formatYuan(cost.outstanding_fen), ...(debt.settled_on ? { settled_on: debt.settled_on } : {}) } }
      : {}),
  };
  if (f.monthly !== undefined && (debt === undefined || cost === undefined)) {
    // The amount would be dropped without a word: the letter would ask for "a plan to be agreed" instead.
    throw new UserError(
      'NO_DEBT',
      `账本里没有${lender ? `“${lender}”的` : ''}借款，无法按每月 ${f.monthly} 元算出分期方案：请先用 dunguard debt add 记下这笔借款${lender ? '' : '，或用 --lender 指明借款方'}；也可以不写 --monthly，信里会请对方与您协商方案。`,
      `The ledger has no loan${lender ? ` from ${lender}` : ''}, so no plan can be worked out at ${f.monthly} a month: record the loan with dunguard debt add${lender ? '' : ', or name the lender with --lender'}; or leave out --monthly and the letter asks them to agree a plan with you.`,
    );
  }
  if (f.monthly !== undefined && debt && cost) {
    const plan = proposePlan([{ id: debt.id, lender: debt.lender.name, outstanding_fen: cost.outstanding_fen }], parseFen(f.monthly));
    facts.plan = { monthly: formatYuan(plan.monthly_fen), months: plan.months };
  }
  return buildLetter(t, facts, law, today);
}

/** The query of GET /api/routes (src/server/schemas.ts CaseQuery) as case flags: the server and the offline app share it. */
export function caseFlagsOfQuery(q: { lender?: string; lender_kind?: LenderKind; loss?: 'true' | 'false'; credit?: 'true' | 'false' }): CaseFlags {
  return { lender: q.lender, lenderKind: q.lender_kind, loss: q.loss === 'true', credit: q.credit === 'true' };
}

/** The body of POST /api/letters/:type (LetterRequest) as letter flags. */
export function letterFlagsOf(b: { lender?: string; lender_kind?: LenderKind; loss?: boolean; credit?: boolean; monthly?: string; police_station?: string }): LetterFlags {
  return { lender: b.lender, lenderKind: b.lender_kind, loss: b.loss, credit: b.credit, monthly: b.monthly, policeStation: b.police_station };
}

/** The body of PUT /api/profile (ProfileRequest) as the profile kept: the name trimmed, the ID's last four upper-case. */
export function profileOf(b: { name: string; id_tail?: string; phone?: string }): { name: string; id_tail?: string; phone?: string } {
  return { name: b.name.trim(), ...(b.id_tail ? { id_tail: b.id_tail.toUpperCase() } : {}), ...(b.phone ? { phone: b.phone } : {}) };
}

/** The letter types the data ships. */
export function letterTypes(ctx: Pick<StoreContext, 'data'>): { id: string; name: { zh: string; en: string }; version: string }[] {
  return ctx.data.letters.map((l) => ({ id: l.id, name: l.name, version: l.version }));
}
