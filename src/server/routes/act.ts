/** Acting on the record over HTTP: recommended channels, the letter types, and a filled letter (JSON, HTML or PDF). */
import { letterHtml } from '../../act/letter.js';
import { caseFlagsOfQuery, letterFlagsOf, letterFor, letterTypes, routesFor } from '../../service/case.js';
import { CaseQuery, LetterRequest, TypeParam } from '../schemas.js';
import type { Deps, ZodApp } from '../app.js';
import { withCjkFont } from '../../service/pdf.js';

export function actRoutes(app: ZodApp, d: Deps): void {
  const { ctx } = d;
  app.get('/routes', { schema: { summary: 'Where to complain or report, most fitting first, from the record', tags: ['act'], querystring: CaseQuery } }, async (req) => {
    return routesFor(ctx, caseFlagsOfQuery(req.query));
  });

  app.get('/letters', { schema: { summary: 'The letter types', tags: ['act'] } }, async () => letterTypes(ctx));

  app.post('/letters/:type', { schema: { summary: 'A letter filled from the record: JSON, HTML, or a PDF download', tags: ['act'], params: TypeParam, body: LetterRequest } }, async (req, reply) => {
    const b = req.body;
    const letter = await letterFor(ctx, req.params.type, letterFlagsOf(b));
    if (b.format === 'pdf') {
      const { letterPdf } = await import('../../act/pdf.js');
      const pdf = await withCjkFont(() => letterPdf(letter));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="dunguard-${req.params.type}.pdf"`).send(pdf);
    }
    if (b.format === 'html') return reply.type('text/html; charset=utf-8').header('content-disposition', `attachment; filename="dunguard-${req.params.type}.html"`).send(letterHtml(letter));
    return letter;
  });
}
