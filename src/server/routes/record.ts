/**
 * The record over HTTP: events (add, list, show, edit, delete), evidence (multipart upload
 * streamed into the vault; download as an attachment that can never run in the page), the
 * harassment report (JSON or PDF), verification, the evidence package, and the profile.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { z } from 'zod';
import { profileOf } from '../../service/case.js';
import { StoredEvent, EvidenceFile } from '../../record/schemas.js';
import { printable, type PutResult } from '../../store/vault.js';
import { StoreError } from '../../store/store.js';
import { UserError } from '../../service/errors.js';
import { eventFields, flagsOfBody as flagsOf, requireEvent } from '../../service/events.js';
import { attachAllEvidence, discardUnrecorded } from '../../service/evidence.js';
import { harassmentReport } from '../../service/report.js';
import { verifyAll } from '../../service/verify.js';
import { exportPackage } from '../../service/export.js';
import { importPackageInto } from '../../service/package-restore.js';
import { withCjkFont } from '../../service/pdf.js';
import { readPeriod } from '../../service/period.js';
import { eventCounts, eventPage } from '../../service/event-list.js';
import { CountsQuery, DeleteRequest, EventEditRequest, EventPageQuery, EventQuery, EventRequest, IdParam, ProfileRequest, ReportPdfQuery, ReportQuery, Sha256Param } from '../schemas.js';
import type { Deps, ZodApp } from '../app.js';

/** Media types the page may show inline (as images); everything else is only downloaded. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);


/** Most files in one upload (the multipart limit in app.ts). */
export const MAX_UPLOAD_FILES = 20;

/** What went wrong while an upload was read, in words: a limit (413) or a malformed or cut-short body (400). */
function uploadError(e: unknown): unknown {
  if (e instanceof UserError || e instanceof StoreError) return e;
  const err = e as { code?: string; statusCode?: number; message?: string };
  if (err.code === 'FST_FILES_LIMIT' || err.code === 'FST_PARTS_LIMIT' || err.code === 'FST_FIELDS_LIMIT') {
    return new UserError('TOO_LARGE', `一次最多上传 ${MAX_UPLOAD_FILES} 个文件；这次上传的文件一个也没有保存，请分几次上传。`, `At most ${MAX_UPLOAD_FILES} files per upload; none of this upload's files were stored: upload them in several goes.`);
  }
  if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
    return new UserError('TOO_LARGE', '文件太大，这次上传的文件一个也没有保存。', 'A file is too large; none of this upload\'s files were stored.');
  }
  if (err.statusCode === undefined || err.statusCode < 500) {
    return new UserError(
      'BAD_UPLOAD',
      `上传的内容格式不对或不完整（multipart/form-data 缺少 boundary，或在中途被截断），未保存任何文件：${err.message ?? ''}`,
      `The upload is malformed or incomplete (multipart/form-data without a boundary, or cut short); nothing was stored: ${err.message ?? ''}`,
    );
  }
  return e;
}

export function recordRoutes(app: ZodApp, d: Deps): void {
  const { ctx } = d;
  const Event = StoredEvent.safeExtend({ deleted_at: z.string().optional() });

  app.get('/events', { schema: { summary: 'List events', tags: ['record'], querystring: EventQuery, response: { 200: z.array(Event) } } }, async (req) => {
    const q = req.query;
    return ctx.store.listEvents({ ...readPeriod(q.from, q.to, ['from', 'to']), number: q.number, kind: q.kind, includeDeleted: q.all === 'true' });
  });

  app.get(
    '/events/page',
    { schema: { summary: 'One page of events, newest first (the next page through the cursor given with this one)', tags: ['record'], querystring: EventPageQuery, response: { 200: z.object({ events: z.array(Event), next: z.string().nullable(), total: z.number().int() }) } } },
    async (req) => eventPage(ctx, req.query),
  );

  app.get(
    '/events/counts',
    {
      schema: {
        summary: 'Events per local day, local hour and kind (what the record page charts), over the period the harassment report covers',
        tags: ['record'],
        querystring: CountsQuery,
        response: {
          200: z.object({
            total: z.number().int(),
            byKind: z.record(z.string(), z.number().int()),
            perDay: z.array(z.object({ date: z.string(), count: z.number().int() })),
            perHour: z.array(z.number().int()),
            settings: z.object({ night_window: z.string(), timezone: z.string() }),
          }),
        },
      },
    },
    async (req) => eventCounts(ctx, req.query),
  );

  app.post('/events', { schema: { summary: 'Add an event (its text is checked and the verdict stored)', tags: ['record'], body: EventRequest, response: { 201: Event } } }, async (req, reply) => {
    const fields = eventFields(flagsOf(req.body), undefined, { allowFuture: req.body.allow_future });
    const e = await ctx.store.addEvent({ fields, analysis: await ctx.analyse(fields), source: 'web' });
    return reply.status(201).send(e);
  });

  app.get('/events/:id', { schema: { summary: 'One event', tags: ['record'], params: IdParam, response: { 200: Event } } }, async (req) => {
    return requireEvent(ctx, req.params.id);
  });

  app.put('/events/:id', { schema: { summary: 'Change an event (logged in the audit chain)', tags: ['record'], params: IdParam, body: EventEditRequest, response: { 200: Event } } }, async (req) => {
    const base = await requireEvent(ctx, req.params.id);
    const fields = eventFields(flagsOf(req.body), base, { allowFuture: req.body.allow_future });
    return ctx.store.updateEvent(req.params.id, fields, await ctx.analyse(fields));
  });

  app.delete('/events/:id', { schema: { summary: 'Delete an event (kept as a tombstone)', tags: ['record'], params: IdParam, body: DeleteRequest.optional(), response: { 200: z.object({ deleted: z.string() }) } } }, async (req) => {
    await ctx.store.deleteEvent(req.params.id, req.body?.reason ?? '');
    return { deleted: req.params.id };
  });

  app.post(
    '/events/:id/evidence',
    { schema: { summary: 'Attach files (multipart/form-data, field "file"); streamed into the vault', tags: ['record'], params: IdParam, consumes: ['multipart/form-data'], response: { 201: z.object({ files: z.array(EvidenceFile.safeExtend({ new_file: z.boolean() })) }) } } },
    async (req, reply) => {
      if (!req.isMultipart()) throw new UserError('BAD_INPUT', '请以 multipart/form-data 上传文件', 'Upload the files as multipart/form-data');
      await requireEvent(ctx, req.params.id);
      // All files or none: each is streamed into the vault, but recorded only once the whole upload has arrived.
      const received: { name: string; put: PutResult }[] = [];
      try {
        for await (const part of req.files()) {
          const name = part.filename || 'upload';
          const tooLarge = () => new UserError('TOO_LARGE', `文件 ${printable(name)} 太大，未保存任何文件`, `The file ${printable(name)} is too large; nothing was stored`);
          let put;
          let bodyError: unknown;
          part.file.once('error', (e) => (bodyError ??= e));
          try {
            put = await ctx.vault.putStream(part.file, { label: name });
          } catch (e) {
            // Past the size limit the upload stream fails; the vault removed its temporary file.
            if (part.file.truncated) throw tooLarge();
            // The body was cut short or malformed (not a disk problem).
            bodyError ??= part.file.errored ?? undefined;
            if (bodyError != null) throw bodyError;
            throw e;
          }
          received.push({ name, put });
          if (part.file.truncated) throw tooLarge();
        }
      } catch (e) {
        await discardUnrecorded(ctx, received.map((r) => r.put));
        throw uploadError(e);
      }
      if (received.length === 0) throw new UserError('BAD_INPUT', '没有收到文件', 'No file was received');
      const files = await attachAllEvidence(ctx, req.params.id, received, new Date());
      return reply.status(201).send({ files });
    },
  );

  app.get('/evidence', { schema: { summary: 'Evidence files in the record', tags: ['record'], response: { 200: z.array(EvidenceFile) } } }, async () => ctx.store.listEvidence());

  app.get('/evidence/:sha256', { schema: { summary: 'Download one evidence file', tags: ['record'], params: Sha256Param } }, async (req, reply) => {
    const f = (await ctx.store.listEvidence()).find((x) => x.sha256 === req.params.sha256);
    if (f === undefined) throw new UserError('NOT_FOUND', '没有这个证据文件', 'No such evidence file');
    // Served so that it can never run on this origin: images as images, everything else as a download.
    const inline = INLINE_IMAGES.has(f.media_type);
    void reply.header('content-type', inline ? f.media_type : 'application/octet-stream');
    void reply.header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${f.sha256}${extname(f.name).replace(/[^.a-z0-9]/gi, '')}"`);
    void reply.header('content-security-policy', "default-src 'none'; sandbox");
    return reply.send(ctx.vault.open(f.sha256));
  });

  app.get('/report', { schema: { summary: 'The harassment report', tags: ['record'], querystring: ReportQuery } }, async (req) => harassmentReport(ctx, req.query));

  app.get('/report.pdf', { schema: { summary: 'The harassment report as PDF', tags: ['record'], querystring: ReportPdfQuery } }, async (req, reply) => {
    const { lang, ...period } = req.query;
    const report = await harassmentReport(ctx, period);
    const { reportPdf } = await import('../../act/report-pdf.js');
    const pdf = await withCjkFont(() => reportPdf(report, new Date().toISOString(), undefined, lang));
    return reply.type('application/pdf').header('content-disposition', 'attachment; filename="dunguard-report.pdf"').send(pdf);
  });

  app.get('/verify', { schema: { summary: 'Verify the audit chain, the tables and every evidence file', tags: ['record'] } }, async () => verifyAll(ctx));

  app.post('/export', { schema: { summary: 'The evidence package (zip) for a regulator or court', tags: ['record'] } }, async (_req, reply) => {
    const dir = await mkdtemp(join(tmpdir(), 'dunguard-export-'));
    const path = join(dir, 'dunguard-evidence.zip');
    try {
      const r = await exportPackage(ctx, path);
      const stream = createReadStream(path);
      stream.once('close', () => void rm(dir, { recursive: true, force: true }));
      return reply
        .type('application/zip')
        .header('content-disposition', 'attachment; filename="dunguard-evidence.zip"')
        .header('x-audit-head', r.audit_head?.hash ?? '')
        .send(stream);
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
  });

  app.post(
    '/import',
    { schema: { summary: 'Import an evidence package (multipart/form-data, one file "file") into an empty record: checked through, rebuilt, verified', tags: ['record'], consumes: ['multipart/form-data'] } },
    async (req) => {
      if (!req.isMultipart()) throw new UserError('BAD_INPUT', '请以 multipart/form-data 上传证据包', 'Upload the package as multipart/form-data');
      const zips: Buffer[] = [];
      try {
        for await (const part of req.files()) zips.push(await part.toBuffer());
      } catch (e) {
        throw uploadError(e);
      }
      if (zips.length !== 1) throw new UserError('BAD_INPUT', '请选择一个证据包（zip 文件）', 'Choose one evidence package (a zip file)');
      const zip = zips[0]!;
      return importPackageInto(ctx, new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength));
    },
  );

  const Profile = z.object({ name: z.string(), id_tail: z.string().optional(), phone: z.string().optional() });
  app.get('/profile', { schema: { summary: 'Your details for letters (kept on this machine)', tags: ['act'], response: { 200: Profile.nullable() } } }, async () => (await ctx.store.getProfile()) ?? null);
  app.put('/profile', { schema: { summary: 'Set your details for letters', tags: ['act'], body: ProfileRequest, response: { 200: Profile } } }, async (req) => {
    const p = profileOf(req.body);
    await ctx.store.setProfile(p);
    return p;
  });
}
