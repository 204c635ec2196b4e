/** The law library over HTTP: every provision with its effective dates and source, searchable; the plain answers to common questions (src/service/law.ts). */
import { faqAnswers, searchLaw } from '../../service/law.js';
import { LawQuery } from '../schemas.js';
import type { Deps, ZodApp } from '../app.js';

export function lawRoutes(app: ZodApp, d: Deps): void {
  const law = d.ctx.data.law;
  app.get('/law', { schema: { summary: 'Provisions, optionally filtered by words and by the date they must be in force', tags: ['law'], querystring: LawQuery } }, async (req) => searchLaw(law, req.query));

  app.get('/law/faq', { schema: { summary: 'Plain answers to common questions, with the provisions they rest on', tags: ['law'] } }, async () => faqAnswers(d.ctx.data.faq, law));
}
