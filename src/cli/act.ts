/** `dunguard route`, `dunguard letter list|TYPE`, `dunguard profile set|show`: acting on the record. */
import { writeFile } from 'node:fs/promises';
import { LawTable } from '../engine/law.js';
import { buildLetter, letterHtml, letterMarkdown, type LetterFacts } from '../act/letter.js';
import { route, type CaseFacts } from '../act/route.js';
import { analyseHarassment } from '../record/harassment.js';
import { costOf } from '../ledger/cost.js';
import { formatYuan, parseFen } from '../ledger/money.js';
import { proposePlan } from '../ledger/plan.js';
import type { LenderKind } from '../ledger/schemas.js';
import { CliError, todayInShanghai } from './io.js';
import type { Lang } from './format.js';
import { out, type Common } from './log.js';
import { lprTable, withRecord, type RecordContext } from './record-context.js';

const KIND_ZH: Record<string, string> = {
  call_incoming: '来电（接通）',
  call_outgoing: '去电',
  call_missed: '未接来电',
  call_unanswered: '未接通',
  sms: '短信',
  app_notice: 'App通知',
  visit: '上门',
  third_party: '联系第三人',
};

export interface CaseFlags extends Common {
  lender?: string;
  lenderKind?: LenderKind;
  loss?: boolean;
  credit?: boolean;
}

/** The facts of the case from the record: verdicts, findings, the lender and its kind. */
async function caseOf(ctx: RecordContext, f: CaseFlags) {
  const events = await ctx.store.listEvents();
  const law = new LawTable(ctx.data.law);
  const report = analyseHarassment(events, ctx.data.harassment, law, {}, new Map(ctx.data.signals.map((s) => [s.id, s.title])));
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

export function runRoute(f: CaseFlags & { lang: Lang }): Promise<string> {
  return withRecord(f.dataDir, async (ctx) => {
    const { facts } = await caseOf(ctx, f);
    const routes = route(facts, ctx.data.routing, ctx.data.channels);
    return out(f, routes, () =>
      routes.length === 0
        ? f.lang === 'zh' ? '记录中没有需要投诉或报案的情况。' : 'Nothing in the record calls for a complaint or report.'
        : routes
            .map((r, i) => [`${i + 1}. ${r.channel.name[f.lang]} — ${r.channel.contact[f.lang]}`, ...r.reasons.map((x) => `   · ${x[f.lang]}`), `   ⓘ ${r.channel.limits[f.lang]}`].join('\n'))
            .join('\n'),
    );
  });
}

export function runLetterList(c: Common): Promise<string> {
  return withRecord(c.dataDir, async (ctx) => {
    const list = ctx.data.letters.map((l) => ({ id: l.id, name: l.name, version: l.version }));
    return out(c, list, () => list.map((l) => `${l.id.padEnd(22)} ${l.name.zh} / ${l.name.en}`).join('\n'));
  });
}

export function runLetter(type: string, f: CaseFlags & { out?: string; format?: 'md' | 'html' | 'pdf'; monthly?: string; policeStation?: string }): Promise<string> {
  return withRecord(f.dataDir, async (ctx) => {
    const t = ctx.data.letters.find((l) => l.id === type);
    if (t === undefined) throw new CliError('NOT_FOUND', `没有这种信函：${type}（见 dunguard letter list）`, `No letter type ${type} (see dunguard letter list)`);
    const profile = await ctx.store.getProfile();
    if (profile === undefined) throw new CliError('NO_PROFILE', '请先用 dunguard profile set --name 填写本人信息（只保存在本机）', 'First set your details with dunguard profile set --name (kept on this machine only)');
    const { events, report, law, lender, debt } = await caseOf(ctx, f);
    const today = todayInShanghai();
    const evidence = await ctx.store.listEvidence();
    const cost = debt ? costOf(debt, await lprTable(ctx.store, ctx.data), today) : undefined;
    const facts: LetterFacts = {
      ...profile,
      ...(lender ? { lender } : {}),
      ...(debt?.contract_no ? { contract_no: debt.contract_no } : {}),
      ...(f.policeStation ? { police_station: f.policeStation } : {}),
      loss: f.loss ?? false,
      first_date: events[0]?.occurred_at.slice(0, 10) ?? today,
      last_date: events[events.length - 1]?.occurred_at.slice(0, 10) ?? today,
      event_count: events.length,
      numbers: [...new Set(events.map((e) => e.number).filter((n): n is string => n !== undefined))],
      events: events.map((e) => ({
        when: e.occurred_at.replace('T', ' ').slice(0, 16),
        kind: KIND_ZH[e.kind] ?? e.kind,
        number: e.number ?? '',
        who: [e.claimed.platform, e.claimed.company, e.claimed.role].filter(Boolean).join(' / ') || (e.contacted !== 'borrower' ? `→ ${e.contacted}` : ''),
        summary: (e.content ?? e.notes ?? '').slice(0, 60),
      })),
      findings: report.findings.filter((x) => !x.id.startsWith('US_')).map((x) => ({ title: x.title.zh, events: x.events.length })),
      evidence: evidence.map((x) => ({ sha256: x.sha256, name: x.name, size: x.size })),
      ...(debt && cost
        ? { debt: { principal: formatYuan(debt.principal_fen), received: formatYuan(debt.received_fen), outstanding: formatYuan(cost.outstanding_fen), ...(debt.settled_on ? { settled_on: debt.settled_on } : {}) } }
        : {}),
    };
    if (f.monthly !== undefined && debt && cost) {
      const plan = proposePlan([{ id: debt.id, lender: debt.lender.name, outstanding_fen: cost.outstanding_fen }], parseFen(f.monthly));
      facts.plan = { monthly: formatYuan(plan.monthly_fen), months: plan.months };
    }
    const letter = buildLetter(t, facts, law, today);
    const format = f.format ?? (f.out?.endsWith('.html') ? 'html' : f.out?.endsWith('.pdf') ? 'pdf' : 'md');
    if (format === 'pdf') {
      if (!f.out) throw new CliError('BAD_INPUT', 'PDF 需要用 --out 指定文件', 'A PDF needs --out FILE');
      const { letterPdf, FontMissingError } = await import('../act/pdf.js');
      try {
        await writeFile(f.out, await letterPdf(letter));
      } catch (e) {
        if (e instanceof FontMissingError) throw new CliError('NO_FONT', `找不到中文字体，无法生成PDF：${e.message}`, `Cannot write the PDF: ${e.message}`);
        throw e;
      }
      return out(f, { out: f.out, letter }, () => `wrote ${f.out}`);
    }
    const text = format === 'html' ? letterHtml(letter) : letterMarkdown(letter);
    if (f.out) {
      await writeFile(f.out, text);
      return out(f, { out: f.out, letter }, () => `wrote ${f.out}`);
    }
    return f.json ? JSON.stringify(letter, null, 2) + '\n' : text;
  });
}

export function runProfile(f: Common & { name?: string; idTail?: string; phone?: string; show?: boolean }): Promise<string> {
  return withRecord(f.dataDir, async (ctx) => {
    if (!f.show) {
      if (!f.name || f.name.trim() === '') throw new CliError('BAD_INPUT', '请用 --name 填写姓名', 'Give your name with --name');
      if (f.idTail !== undefined && !/^[0-9Xx]{4}$/.test(f.idTail)) throw new CliError('BAD_INPUT', '--id-tail 只填身份证号后四位', '--id-tail takes only the last four characters of the ID number');
      await ctx.store.setProfile({ name: f.name.trim(), ...(f.idTail ? { id_tail: f.idTail.toUpperCase() } : {}), ...(f.phone ? { phone: f.phone } : {}) });
    }
    const p = await ctx.store.getProfile();
    return out(f, p ?? null, () => (p ? `${p.name}${p.id_tail ? ` (ID …${p.id_tail})` : ''}${p.phone ? `, ${p.phone}` : ''}` : '(no profile)'));
  });
}
