/**
 * The law library as the pages read it: provisions searched by words and by the date they must
 * be in force (a secondary source's text is never quoted), and the plain answers to common
 * questions with the provisions they rest on. Pure: the HTTP API (src/server/routes/law.ts) and
 * the offline app's worker (web/src/backend/check.worker.ts) give the same answers from the same data.
 */
import { inForce } from '../engine/law.js';
import type { FaqFile, LawFile } from '../engine/schemas/law.js';

export function searchLaw(law: LawFile, query: { q?: string | undefined; date?: string | undefined }) {
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const date = query.date;
  const provisions = law.provisions
    .filter((p) => date === undefined || inForce(p, date))
    .filter((p) => {
      if (words.length === 0) return true;
      const hay = [p.id, p.law.zh, p.law.en, p.article.zh, p.article.en, p.summary.zh, p.summary.en, p.text ?? ''].join('\n').toLowerCase();
      return words.every((w) => hay.includes(w));
    })
    .map((p) => ({ ...p, quoted: p.strength !== 'secondary' && p.text !== undefined, ...(p.strength === 'secondary' ? { text: undefined } : {}) }));
  return { version: law.version, provisions };
}

export function faqAnswers(faq: FaqFile, law: LawFile) {
  return {
    version: faq.version,
    entries: faq.entries.map((e) => ({
      ...e,
      cited: e.cites.map((id) => {
        const p = law.provisions.find((x) => x.id === id)!;
        return { id, law: p.law, article: p.article, effective_from: p.effective_from, effective_to: p.effective_to, strength: p.strength };
      }),
    })),
  };
}
