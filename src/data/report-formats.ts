/**
 * Reads the one-step report formats (data/act/report-formats.yaml), validated by their schema;
 * read once per process and only by the commands and routes that prepare a report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ReportFormats } from '../act/scam-report.js';
import { DataError } from './errors.js';
import { packageRoot } from './load.js';

let cached: ReportFormats | undefined;

export function loadReportFormats(root = packageRoot()): ReportFormats {
  if (cached) return cached;
  const path = join(root, 'data', 'act', 'report-formats.yaml');
  const r = ReportFormats.safeParse(parse(readFileSync(path, 'utf8')));
  if (!r.success) throw new DataError(`${path}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  cached = r.data;
  return cached;
}
