/** The law library over HTTP: every provision with its effective dates and source, searchable; the plain answers to common questions. */
import { inForce } from '../../engine/law.js';
import { LawQuery } from '../schemas.js';
import type { Deps, ZodApp } from '../app.js';

export function lawRoutes(app: ZodApp, d: Deps): void {
  const law = d.ctx.data.law;
  app.get('/law', { schema: { summary: 'Provisions, optionally filtered by words and by the date they must be in force', tags: ['law'], querystring: LawQuery } }, async (req) => {
    const words = (req.query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const date = req.query.date;
    const provisions = law.provisions
      .filter((p) => date === undefined || inForce(p, date))
      .filter((p) => {
        if (words.length === 0) return true;
        const hay = [p.id, p.law.zh, p.law.en, p.article.zh, p.article.en, p.summary.zh, p.summary.en, p.text ?? ''].join('\n').toLowerCase();
        return words.every((w) => hay.includes(w));
      })
      .map((p) => ({ ...p, quoted: p.strength !== 'secondary' && p.text !== undefined, ...(p.strength === 'secondary' ? { text: undefined } : {}) }));
    return { version: law.version, provisions };
  });

  app.get('/law/faq', { schema: { summary: 'Plain answers to common questions, with the provisions they rest on', tags: ['law'] } }, async () => ({
    version: d.ctx.data.faq.version,
    entries: d.ctx.data.faq.entries.map((e) => ({
      ...e,
      cited: e.cites.map((id) => {
        const p = law.provisions.find((x) => x.id === id)!;
        return { id, law: p.law, article: p.article, effective_from: p.effective_from, effective_to: p.effective_to, strength: p.strength };
      }),
    })),
  }));
}
