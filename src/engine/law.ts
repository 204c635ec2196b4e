/**
 * Picks the provisions to cite for a set of fired signals, by the date of the incident:
 * a renumbered law (治安管理处罚法 old art. 42 → new art. 50 from 2026-01-01) is cited in
 * the version in force on that date. Secondary items are summarised, never quoted.
 */
import type { LawFile, Provision } from './schemas/law.js';
import type { Citation } from './schemas/result.js';

export class LawTable {
  private readonly byId = new Map<string, Provision>();

  constructor(readonly file: LawFile) {
    for (const p of file.provisions) {
      if (this.byId.has(p.id)) throw new Error(`duplicate provision id ${p.id}`);
      this.byId.set(p.id, p);
    }
    for (const [topic, ids] of Object.entries(file.topics)) {
      for (const id of ids) if (!this.byId.has(id)) throw new Error(`topic ${topic} names unknown provision ${id}`);
    }
  }

  get(id: string): Provision | undefined {
    return this.byId.get(id);
  }

  /** True when `ref` names a topic or a provision. */
  knows(ref: string): boolean {
    return ref in this.file.topics || this.byId.has(ref);
  }

  /** Provisions a reference (topic or id) points to that are in force on `date` (YYYY-MM-DD). */
  resolve(ref: string, date: string): Provision[] {
    const ids = this.file.topics[ref] ?? [ref];
    return ids.map((id) => this.byId.get(id)).filter((p): p is Provision => p !== undefined && inForce(p, date));
  }

  /** Citations for (signal id, references) pairs, in order of first mention, de-duplicated. */
  cite(uses: readonly { signal: string; refs: readonly string[] }[], date: string): Citation[] {
    const out = new Map<string, Citation>();
    for (const use of uses) {
      for (const ref of use.refs) {
        for (const p of this.resolve(ref, date)) {
          const existing = out.get(p.id);
          if (existing !== undefined) {
            if (!existing.signals.includes(use.signal)) existing.signals.push(use.signal);
            continue;
          }
          const quoted = p.strength !== 'secondary' && p.text !== undefined;
          out.set(p.id, {
            id: p.id,
            law: p.law,
            article: p.article,
            ...(quoted ? { text: p.text } : {}),
            summary: p.summary,
            strength: p.strength,
            quoted,
            effective_from: p.effective_from,
            effective_to: p.effective_to,
            source: p.source,
            signals: [use.signal],
          });
        }
      }
    }
    return [...out.values()];
  }

  /**
   * The provisions in force on any of these dates (each event's own date: a record that spans a
   * law's revision cites both versions, the older first), merged as `cite` merges them; on
   * `otherwise` when there are no dates.
   */
  citeOver(uses: readonly { signal: string; refs: readonly string[] }[], dates: Iterable<string>, otherwise: string): Citation[] {
    const days = [...new Set(dates)].sort();
    if (days.length === 0) days.push(otherwise);
    const out = new Map<string, Citation>();
    for (const day of days) {
      for (const c of this.cite(uses, day)) {
        const had = out.get(c.id);
        if (had === undefined) out.set(c.id, c);
        else for (const s of c.signals) if (!had.signals.includes(s)) had.signals.push(s);
      }
    }
    return [...out.values()];
  }
}

export function inForce(p: Provision, date: string): boolean {
  return p.effective_from <= date && (p.effective_to === null || date <= p.effective_to);
}
