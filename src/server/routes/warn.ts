/**
 * Warn, block, report over HTTP: the person's tags on numbers (list, set, take off), the
 * tagged numbers as a block list (vCard for the phone's contacts, CSV), and a one-step report
 * prepared from a message (the 12321 SMS and its sms: link, the fields for the 12321 form and
 * the anti-fraud app, or the lender letter for rule-breaking collection). The warning card is
 * drawn by the page itself from the check result: no route, nothing uploaded.
 */
import { z } from 'zod';
import { tagsCsv, tagsVcard } from '../../act/block-list.js';
import { loadReportFormats } from '../../data/report-formats.js';
import { tagNumber, untagNumber } from '../../service/tags.js';
import { prepareScamReport } from '../../service/report-scam.js';
import { LangQuery, NumberParam, NumberTagSchema, ReportScamRequest, TagBody } from '../schemas.js';
import type { Deps, ZodApp } from '../app.js';

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

  app.post('/report-scam', { schema: { summary: 'Prepare a one-step report of a message: the 12321 SMS (sms: link to 12321), the form and app fields, or the lender letter', tags: ['warn'], body: ReportScamRequest } }, async (req) =>
    prepareScamReport(ctx.store, d.engine, loadReportFormats(), req.body),
  );
}
