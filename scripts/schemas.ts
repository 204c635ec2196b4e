/**
 * `npm run schemas`: writes docs/schemas/*.json — the public JSON contracts (check result,
 * classify lines, number info, and the rule and law data files) — from the zod definitions
 * in src/engine/schemas. A test fails when the committed files drift from the code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../src/data/load.js';
import { FaqFile, LawFile } from '../src/engine/schemas/law.js';
import { AnswerSignals } from '../src/engine/schemas/numbers.js';
import { CheckResult, ClassifyInput, ClassifyLine, NumberInfo } from '../src/engine/schemas/result.js';
import { RuleFile, RuleSetMeta } from '../src/engine/schemas/signal.js';
import { EventInput, EvidenceFile, HarassmentSettings, StoredEvent } from '../src/record/schemas.js';
import { Debt, LprTable } from '../src/ledger/schemas.js';
import { Channels, LetterTemplate, RoutingRules } from '../src/act/schemas.js';

export const SCHEMAS: Record<string, z.ZodType> = {
  'check-result': CheckResult,
  'classify-input-line': ClassifyInput,
  'classify-output-line': ClassifyLine,
  'number-info': NumberInfo,
  'rule-file': RuleFile,
  'rule-set-meta': RuleSetMeta,
  'law-file': LawFile,
  'event-input': EventInput,
  'stored-event': StoredEvent,
  'evidence-file': EvidenceFile,
  'harassment-settings-file': HarassmentSettings,
  debt: Debt,
  'lpr-file': LprTable,
  'channels-file': Channels,
  'routing-file': RoutingRules,
  'letter-template': LetterTemplate,
  'faq-file': FaqFile,
  'checklist-signals-file': AnswerSignals,
};

export function renderSchema(name: string, schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: name.includes('input') || name.includes('file') || name.includes('meta') ? 'input' : 'output', unrepresentable: 'any' });
  return JSON.stringify({ $id: `dunguard/${name}.json`, ...json }, null, 2) + '\n';
}

if (process.argv[1]?.endsWith('schemas.ts')) {
  const dir = join(packageRoot(), 'docs', 'schemas');
  mkdirSync(dir, { recursive: true });
  for (const [name, schema] of Object.entries(SCHEMAS)) writeFileSync(join(dir, `${name}.json`), renderSchema(name, schema));
  process.stderr.write(`wrote ${Object.keys(SCHEMAS).length} schemas to docs/schemas/\n`);
}
