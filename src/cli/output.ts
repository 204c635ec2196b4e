/**
 * What every record command shares: its common options and how it prints (JSON or text).
 * Apart from log.ts so that a command that only reads the record (report, verify, export)
 * does not load the event schemas and the importer (zod, csv-parse) at start.
 */
import type { Lang } from '../present/words.js';

export interface Common {
  dataDir?: string;
  json: boolean;
  /** The language of human output (default Chinese). */
  lang?: Lang;
  /** Also show internal references (signal ids, rule versions). */
  verbose?: boolean;
}

export const out = (c: Common, value: unknown, human: () => string): string => (c.json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');
