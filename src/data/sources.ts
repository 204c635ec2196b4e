/**
 * Reads and validates the data sources themselves: YAML rule files, the law table and the
 * number plan, each checked by its schema; a bad file stops with its name and the problem.
 * Loaded only when there is no fresh bundle (development, or right after editing data).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { buildCharMap } from '../engine/normalise.js';
import { LawFile } from '../engine/schemas/law.js';
import { NumberPlan, OfficialNumbers } from '../engine/schemas/numbers.js';
import { RuleFile, RuleSetMeta, type Signal } from '../engine/schemas/signal.js';
import { HarassmentSettings } from '../record/schemas.js';
import { LedgerSignals, LprTable } from '../ledger/schemas.js';
import { Channels, LetterTemplate, RoutingRules } from '../act/schemas.js';
import { hashSources, type Bundle } from './bundle.js';
import { DataError } from './errors.js';
import { FaqFile } from '../engine/schemas/law.js';
import { AnswerSignals } from '../engine/schemas/numbers.js';
import { VariantsFile } from '../engine/schemas/variants.js';
import { Normaliser } from '../engine/normalise.js';

export function readValidated<T>(path: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new DataError(`${path}: ${(e as Error).message}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new DataError(`${path}: ${z.prettifyError(r.error)}`);
  return r.data;
}

/** Rule files in data/rules, with the file each signal came from. */
export function readRules(root: string): { meta: RuleSetMeta; signals: Signal[]; files: Map<string, string> } {
  const dir = join(root, 'data', 'rules');
  const meta = readValidated(join(dir, '_meta.yaml'), RuleSetMeta);
  const signals: Signal[] = [];
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.yaml') || name.startsWith('_')) continue;
    for (const s of readValidated(join(dir, name), RuleFile).signals) {
      files.set(s.id, name);
      signals.push(s);
    }
  }
  return { meta, signals, files };
}

/** The character table: OpenCC's chain, then the project's own regional characters (data/rules/_variants.yaml) last. */
function charMap(variants: VariantsFile): Map<number, number> {
  const own = variants.characters.map((c) => `${c.from} ${c.to}`).join('|');
  return buildCharMap([HKVariantsRev, TWVariantsRev, TSCharacters, own]);
}

/**
 * Everything the engine needs from data/, validated, in the bundle's shape. The sources are
 * hashed before and after they are read: a file saved while a build reads it must not give a
 * bundle whose hashes vouch for contents it does not hold (the loader trusts those hashes).
 */
export function readSources(root: string): Bundle {
  for (let tries = 1; ; tries++) {
    const before = hashSources(root);
    const bundle = readSourcesOnce(root, before);
    const after = hashSources(root);
    if (Object.keys(before).every((k) => before[k] === after[k]) && Object.keys(after).length === Object.keys(before).length) return bundle;
    if (tries === 3) throw new DataError('data files kept changing while they were read: run the build again');
  }
}

/**
 * The regional words: each phrase must already be in the form the character step gives (the
 * phrase step runs after it), or it could never match.
 */
function readVariants(root: string): { t2s: number[]; phrases: [string, string][] } {
  const path = join(root, 'data', 'rules', '_variants.yaml');
  const variants = readValidated(path, VariantsFile);
  const map = charMap(variants);
  const chars = new Normaliser(map);
  for (const p of variants.phrases) {
    for (const w of [p.from, p.to]) {
      const folded = chars.normalise(w).text;
      if (folded !== w) throw new DataError(`${path}: "${w}" is not in the folded form ("${folded}")`);
    }
  }
  const t2s: number[] = [];
  for (const [k, v] of map) t2s.push(k, v);
  return { t2s, phrases: variants.phrases.map((p) => [p.from, p.to]) };
}

function readSourcesOnce(root: string, sources: Record<string, string>): Bundle {
  const { meta, signals } = readRules(root);
  const variants = readVariants(root);
  const bundle: Bundle = {
    format: 6,
    sources,
    meta,
    signals,
    law: readValidated(join(root, 'data', 'law', 'provisions.yaml'), LawFile),
    plan: readValidated(join(root, 'data', 'numbers', 'cn-number-plan.yaml'), NumberPlan),
    official: readValidated(join(root, 'data', 'numbers', 'official.yaml'), OfficialNumbers),
    harassment: readValidated(join(root, 'data', 'record', 'harassment.yaml'), HarassmentSettings),
    lpr: readValidated(join(root, 'data', 'ledger', 'lpr.yaml'), LprTable),
    ledgerSignals: readValidated(join(root, 'data', 'ledger', 'signals.yaml'), LedgerSignals),
    channels: readValidated(join(root, 'data', 'act', 'channels.yaml'), Channels),
    routing: readValidated(join(root, 'data', 'act', 'routing.yaml'), RoutingRules),
    letters: readdirSync(join(root, 'data', 'act', 'letters'))
      .filter((n) => n.endsWith('.yaml'))
      .sort()
      .map((n) => readValidated(join(root, 'data', 'act', 'letters', n), LetterTemplate)),
    t2s: variants.t2s,
    phrases: variants.phrases,
    faq: readValidated(join(root, 'data', 'law', 'faq.yaml'), FaqFile),
    answerSignals: readValidated(join(root, 'data', 'checklist', 'signals.yaml'), AnswerSignals),
  };
  crossCheck(bundle);
  return bundle;
}

/** References between data files: every cited provision and every suggested letter exists. */
function crossCheck(b: Bundle): void {
  const provisions = new Set(b.law.provisions.map((p) => p.id));
  for (const e of b.faq.entries) {
    for (const c of e.cites) if (!provisions.has(c)) throw new DataError(`data/law/faq.yaml: ${e.id} cites unknown provision ${c}`);
  }
  const letters = new Set(b.letters.map((l) => l.id));
  for (const c of b.channels.channels) {
    for (const l of c.letters) if (!letters.has(l)) throw new DataError(`data/act/channels.yaml: ${c.id} suggests unknown letter ${l}`);
  }
}
