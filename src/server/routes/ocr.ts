/**
 * POST /api/ocr: the text of an uploaded screenshot (multipart/form-data, one file in the
 * field "file"), for the person to check and correct before anything is decided on it.
 * Nothing is stored: the page uploads the same file again as evidence when the event is
 * saved. Same guards as evidence uploads (token, no cross-site request, JSON or multipart
 * only — security.ts), a 20 MB limit, exactly one file or nothing is read. Recognition runs
 * in a worker thread (src/ocr/reader.ts), started on first use, so other requests are
 * answered meanwhile; at most a few images wait their turn, then BUSY (503).
 *
 * The hosted server (`--multi-user`) registers the same route under /api/cases/:caseId/ with
 * its one reader and a per-account rate limit (`admit`): one body for both servers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../service/errors.js';
import { MAX_IMAGE_BYTES, tooLargeImage } from '../../ocr/image.js';
import { ScreenshotReader } from '../../ocr/reader.js';
import type { ZodApp } from '../app.js';

export const OcrResponse = z.object({
  text: z.string().describe('The recognised text, one line per message bubble. Untrusted: show it escaped, never as links.'),
  confidence: z.number().describe("Tesseract's mean word confidence, 0–100"),
  width: z.number().int(),
  height: z.number().int(),
  ms: z.number().describe('Milliseconds spent recognising'),
});

/** The upload, for the OpenAPI document. */
const OcrUpload = z.object({ file: z.string().meta({ format: 'binary' }).describe('the screenshot: one PNG or JPEG, at most 20 MB') });

export interface OcrRouteOptions {
  /**
   * Asked before the upload is read (hosted mode: the account's rate limit). To refuse, it
   * answers the request itself and returns false.
   */
  admit?: (req: FastifyRequest, reply: FastifyReply) => Promise<boolean>;
}

/** POST /ocr under the plugin's prefix; `reader` (one per process) is closed with the app. */
export function ocrRoutes(app: ZodApp, reader = new ScreenshotReader(), opts: OcrRouteOptions = {}): void {
  app.addHook('onClose', async () => reader.close());

  app.post(
    '/ocr',
    {
      schema: {
        summary: 'The text of a screenshot (multipart/form-data, one PNG or JPEG in field "file", at most 20 MB); nothing is stored',
        tags: ['check'],
        consumes: ['multipart/form-data'],
        body: OcrUpload,
        response: { 200: OcrResponse },
      },
      // The schema documents the upload; the multipart body itself is read and checked below.
      validatorCompiler: () => (data: unknown) => ({ value: data }),
    },
    async (req, reply) => {
      if (opts.admit !== undefined && !(await opts.admit(req, reply))) return reply;
      if (!req.isMultipart()) throw new UserError('BAD_INPUT', '请以 multipart/form-data 上传截图', 'Upload the screenshot as multipart/form-data');
      let image: Buffer | undefined;
      try {
        for await (const part of req.files({ limits: { fileSize: MAX_IMAGE_BYTES, files: 2 } })) {
          if (image !== undefined) {
            part.file.resume();
            throw new UserError('BAD_INPUT', '一次只能识别一张截图。', 'One screenshot at a time.');
          }
          image = await part.toBuffer();
        }
      } catch (e) {
        if (e instanceof UserError) throw e;
        const err = e as { code?: string; statusCode?: number; message?: string };
        if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) throw tooLargeImage(MAX_IMAGE_BYTES + 1);
        throw new UserError('BAD_UPLOAD', `上传的内容格式不对或不完整：${err.message ?? ''}`, `The upload is malformed or incomplete: ${err.message ?? ''}`);
      }
      if (image === undefined) throw new UserError('BAD_INPUT', '没有收到截图', 'No screenshot was received');
      const r = await reader.recognise(image);
      return { text: r.text, confidence: r.confidence, width: r.width, height: r.height, ms: r.ms };
    },
  );
}
