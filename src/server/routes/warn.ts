/**
 * Warn, block, report over HTTP: the person's tags on numbers (list, set, take off), the
 * tagged numbers as a block list (vCard for the phone's contacts, CSV), and a one-step report
 * prepared from a message (the 12321 SMS and its sms: link, the fields for the 12321 form and
 * the anti-fraud app, or the lender letter for rule-breaking collection). The warning card is
 * drawn by the page itself from the check result: no route, nothing uploaded.
 */
import { z } from 'zod';
import { check, InputError } from '../../engine/check.js';
import { IsoDate } from '../../engine/schemas/common.js';
import { todayInShanghai } from '../../record/time.js';
import { TAG_KINDS } from '../../record/tags.js';
import { tagsCsv, tagsVcard } from '../../act/block-list.js';
import { scamReport } from '../../act/scam-report.js';
import { loadReportFormats } from '../../data/report-formats.js';
import { keyOf, tagNumber, tagOf, untagNumber } from '../../service/tags.js';
import { UserError } from '../../service/errors.js';
import type { Deps, ZodApp } from '../app.js';

const NumberParam = z.object({ number: z.string().min(3).max(40) }).strict();
const LangQuery = z.object({ lang: z.enum(['zh', 'en']).default('zh') }).strict();

export const TagBody = z
  .object({
    kind: z.string().max(80).optional().describe('诈骗 / scam, 违规催收 / violation, 催收 / collection (or "催收-platform"), 官方 / official; left out: from the latest verdict on the number in the record'),
    platform: z.string().max(60).optional().describe('the platform or organisation (collection, official)'),
    note: z.string().max(500).optional(),
  })
  .strict();

export const NumberTagSchema = z
  .object({
    number: z.string(),
    kind: z.enum(TAG_KINDS),
    platform: z.string().optional(),
    note: z.string().optional(),
    source: z.enum(['manual', 'check']),
    tagged_at: z.string(),
    removed_at: z.string().optional(),
  })
  .strict();

export const ReportScamRequest = z
  .object({
    text: z.string().min(1).max(20_000).describe('the message exactly as received'),
    number: z.string().max(40).optional().describe("the sender's number"),
    date: IsoDate.optional().describe('the day it came (default: today in Asia/Shanghai)'),
  })
  .strict();

export function warnRoutes(app: ZodApp, d: Deps): void {
  const { ctx } = d;

  app.get('/tags', { schema: { summary: "The person's own tags on numbers", tags: ['warn'], response: { 200: z.object({ tags: z.array(NumberTagSchema) }) } } }, async () => ({ tags: await ctx.store.listTags() }));

  app.put(
    '/tags/:number',
    { schema: { summary: 'Tag a number (by hand, or from the latest verdict on it); logged in the audit chain', tags: ['warn'], params: NumberParam, body: TagBody, response: { 200: NumberTagSchema } } },
    async (req) => tagNumber(ctx, { number: req.params.number, ...req.body }),
  );

  app.delete(
    '/tags/:number',
    { schema: { summary: 'Take the tag off a number (the row stays as a tombstone, as the audit chain keeps it)', tags: ['warn'], params: NumberParam, response: { 200: NumberTagSchema } } },
    async (req) => untagNumber(ctx, req.params.number),
  );

  app.get('/tags.vcf', { schema: { summary: 'The tagged numbers as a vCard 3.0 file (one contact per number) for the phone’s contacts, caller ID and blocker', tags: ['warn'], querystring: LangQuery } }, async (req, reply) =>
    reply
      .type('text/vcard; charset=utf-8')
      .header('content-disposition', 'attachment; filename="dunguard-blocklist.vcf"')
      .send(tagsVcard(await ctx.store.listTags(), req.query.lang)),
  );

  app.get('/tags.csv', { schema: { summary: 'The tagged numbers as CSV', tags: ['warn'], querystring: LangQuery } }, async (req, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="dunguard-tags.csv"')
      .send(tagsCsv(await ctx.store.listTags(), req.query.lang)),
  );

  app.post('/report-scam', { schema: { summary: 'Prepare a one-step report of a message: the 12321 SMS (sms: link to 12321), the form and app fields, or the lender letter', tags: ['warn'], body: ReportScamRequest } }, async (req) => {
    const b = req.body;
    if (b.number !== undefined && b.number.trim() !== '') keyOf(b.number); // a number that is no number is refused, never put into a link
    let r;
    try {
      r = check(d.engine, { text: b.text, number: b.number || undefined, date: b.date ?? todayInShanghai() });
    } catch (e) {
      if (e instanceof InputError) throw new UserError(e.code, e.zh, e.en);
      throw e;
    }
    const report = scamReport(loadReportFormats(), { text: b.text, number: b.number || undefined, verdict: r.verdict, assessment: r.assessment, receivedAt: b.date });
    return { assessment: r.assessment, tag: (await tagOf(ctx, b.number || undefined)) ?? null, ...report };
  });
}
