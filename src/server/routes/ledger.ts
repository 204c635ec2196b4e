/** The debt ledger over HTTP: list with true cost and flags, add, record a payment/fee/settlement/limitation event. */
import { z } from 'zod';
import { Debt } from '../../ledger/schemas.js';
import { addDebt, changeDebt, debtFlagsOf, debtWithCost, ledgerRows } from '../../service/debts.js';
import { DebtChangeRequest, DebtRequest, IdParam } from '../schemas.js';
import type { Deps, ZodApp } from '../app.js';

export function ledgerRoutes(app: ZodApp, d: Deps): void {
  const { ctx } = d;
  app.get('/debts', { schema: { summary: 'Every debt with its true cost, flags and limitation; and a summary', tags: ['ledger'] } }, async () => ledgerRows(ctx));

  app.post('/debts', { schema: { summary: 'Add a debt (amounts in yuan as text)', tags: ['ledger'], body: DebtRequest } }, async (req, reply) => {
    const r = await addDebt(ctx, debtFlagsOf(req.body));
    return reply.status(201).send(r);
  });

  app.get('/debts/:id', { schema: { summary: 'One debt with its cost', tags: ['ledger'], params: IdParam, response: { 200: z.object({ debt: Debt, cost: z.unknown() }) } } }, async (req) => debtWithCost(ctx, req.params.id));

  app.post('/debts/:id/changes', { schema: { summary: 'Record a payment, a fee, the settlement, or a limitation event', tags: ['ledger'], params: IdParam, body: DebtChangeRequest } }, async (req) => {
    return changeDebt(ctx, req.params.id, req.body);
  });
}
