/**
 * Routing: from the facts of a case, the channels to use, in order, each with its reason
 * and its limits (law.md §9). Pure; the rules are data (data/act/routing.yaml).
 */
import type { Bilingual } from '../engine/schemas/common.js';
import type { LenderKind } from '../ledger/schemas.js';
import type { Channels, RoutingRules } from './schemas.js';

export interface CaseFacts {
  /** Verdicts found among the recorded texts. */
  verdicts: ReadonlySet<string>;
  lenderKind?: LenderKind;
  /** Harassment-report finding ids (NIGHT_CONTACT, TEXT:VIOLATION.INSULT, …). */
  findings: ReadonlySet<string>;
  loss: boolean;
  credit: boolean;
}

export interface Route {
  channel: Channels['channels'][number];
  reasons: Bilingual[];
}

export function route(facts: CaseFacts, rules: RoutingRules, channels: Channels): Route[] {
  const byId = new Map(channels.channels.map((c) => [c.id, c]));
  const picked = new Map<string, { order: number; reasons: Bilingual[] }>();
  for (const r of rules.rules) {
    const w = r.when;
    if (w.verdict !== undefined && !facts.verdicts.has(w.verdict)) continue;
    if (w.lender_kind !== undefined && (facts.lenderKind === undefined || !w.lender_kind.includes(facts.lenderKind))) continue;
    if (w.any_finding !== undefined && !w.any_finding.some((f) => facts.findings.has(f))) continue;
    if (w.loss !== undefined && w.loss !== facts.loss) continue;
    if (w.credit !== undefined && w.credit !== facts.credit) continue;
    const p = picked.get(r.channel) ?? { order: r.order, reasons: [] };
    p.order = Math.min(p.order, r.order);
    p.reasons.push(r.reason);
    picked.set(r.channel, p);
  }
  return [...picked]
    .sort((a, b) => a[1].order - b[1].order)
    .flatMap(([id, p]) => {
      const channel = byId.get(id);
      return channel ? [{ channel, reasons: p.reasons }] : [];
    });
}
