/** POST /api/check, POST /api/classify, GET /api/number: the engine, with the same contracts as the CLI. */
import { z } from 'zod';
import { check, classify, InputError } from '../../engine/check.js';
import { CheckResult, ClassifyLine, NumberInfo } from '../../engine/schemas/result.js';
import { inspectNumber } from '../../engine/numbers.js';
import { todayInShanghai } from '../../record/time.js';
import type { Ledger } from '../../ledger/claims.js';
import { CheckRequest, ClassifyRequest, NumberQuery } from '../schemas.js';
import type { Deps, ZodApp } from '../app.js';

export function checkRoutes(app: ZodApp, d: Deps): void {
  /** The user's ledger, when it has debts to check claims against. */
  const ledger = async (): Promise<Ledger | undefined> => {
    const l = await d.ctx.ledger();
    return l.debts.length > 0 ? l : undefined;
  };

  // The result is built by the engine to the CheckResult contract (tested); serialising it through zod
  // again would cost more than the check itself, so the schema documents the answer and JSON.stringify writes it.
  app.post('/check', { schema: { summary: 'Check one message or call transcript', tags: ['check'], body: CheckRequest, response: { 200: CheckResult } }, serializerCompiler: () => (data) => JSON.stringify(data) }, async (req) => {
    const b = req.body;
    return check(d.engine, { text: b.text, number: b.number, date: b.date ?? todayInShanghai(), ledger: b.use_ledger ? await ledger() : undefined, answers: b.answers });
  });

  app.post(
    '/classify',
    { schema: { summary: 'Classify a batch (one result per item, in order; errors per item)', tags: ['check'], body: ClassifyRequest, response: { 200: z.object({ results: z.array(ClassifyLine) }) } } },
    async (req) => {
      const today = todayInShanghai();
      return {
        results: req.body.items.map((it) => {
          try {
            const c = classify(d.engine, { text: it.text, number: it.number, date: it.date ?? today });
            return { id: it.id, verdict: c.verdict, confidence: c.confidence, signals: c.signals, assessment: c.assessment, certainty: c.certainty };
          } catch (e) {
            if (e instanceof InputError) return { id: it.id, error: e.en, code: e.code };
            throw e;
          }
        }),
      };
    },
  );

  app.get('/number', { schema: { summary: 'What kind of number called', tags: ['check'], querystring: NumberQuery, response: { 200: NumberInfo } } }, async (req) => inspectNumber(req.query.n, d.engine.numbers));
}
