/**
 * Verify for the whole hosted database: every case's record (its audit chain, tables and
 * evidence, as `dunguard verify` checks one record) and every case's access log. What it
 * reports is counts and kinds of finding per case, never a case's content: an admin runs it.
 * `dunguard verify --all-cases` and GET /api/admin/verify.
 */
import { tmpdir } from 'node:os';
import { databaseUrl } from '../store/open-store.js';
import { recordContextOver, type RecordContext } from '../service/record-context.js';
import { verifyAll } from '../service/verify.js';
import { UserError } from '../service/errors.js';
import { Directory, type CaseRow } from './directory.js';

export interface CaseVerdict {
  case: string;
  intact: boolean;
  entries: number;
  findings: Record<string, number>;
  access_log: { intact: boolean; entries: number };
}

export async function verifyEveryCase(directory: Directory, open: (row: CaseRow) => Promise<RecordContext>): Promise<{ intact: boolean; cases: CaseVerdict[] }> {
  const out: CaseVerdict[] = [];
  for (const row of await directory.allCases()) {
    // The directory's summary saw the case's audit chain this long: a case emptied or cut short since is not intact.
    const known = await directory.activityVersion(row.id);
    const rc = await open(row);
    const v = await verifyAll(rc, { knownEntries: known });
    const findings: Record<string, number> = {};
    for (const f of v.findings) findings[f.kind] = (findings[f.kind] ?? 0) + 1;
    const log = await directory.verifyAccessLog(row.id);
    out.push({ case: row.id, intact: v.intact && log.intact, entries: v.entries, findings, access_log: { intact: log.intact, entries: log.entries } });
  }
  return { intact: out.every((c) => c.intact), cases: out };
}

/** `dunguard verify --all-cases`: each case opened, verified and closed in turn. */
export async function runVerifyCases(o: { json: boolean; lang: 'zh' | 'en' }): Promise<{ intact: boolean; text: string }> {
  const url = databaseUrl();
  if (url === undefined) {
    throw new UserError('NO_DATABASE', '--all-cases 检查多用户数据库：请设置 DUNGUARD_DATABASE_URL。', '--all-cases checks the multi-user database: set DUNGUARD_DATABASE_URL.');
  }
  const directory = await Directory.open({ url, schema: process.env.DUNGUARD_DIRECTORY_SCHEMA?.trim() || undefined });
  const opened: RecordContext[] = [];
  try {
    const { PgStore } = await import('../store/postgres/pg-store.js');
    const r = await verifyEveryCase(directory, async (row) => {
      const store = await PgStore.open({ url, schema: row.schema_name, max: 2 });
      const rc = await recordContextOver(tmpdir(), store, store.vault());
      opened.push(rc);
      return rc;
    });
    if (o.json) return { intact: r.intact, text: JSON.stringify(r) + '\n' };
    const en = o.lang === 'en';
    const lines = r.cases.map((c) => {
      const kinds = Object.entries(c.findings).map(([k, n]) => `${k} ×${n}`).join(', ');
      if (en) return `case ${c.case}: ${c.intact ? 'intact' : 'NOT intact'} (${c.entries} audit entries, access log ${c.access_log.entries} entries${c.access_log.intact ? '' : ', changed'}${kinds ? `; ${kinds}` : ''})`;
      return `案件 ${c.case}：${c.intact ? '完整' : '不完整'}（审计记录 ${c.entries} 条，查看记录 ${c.access_log.entries} 条${c.access_log.intact ? '' : '，已被改动'}${kinds ? `；${kinds}` : ''}）`;
    });
    const head = en ? `${r.cases.length} case(s): ${r.intact ? 'all intact' : 'NOT all intact'}` : `共 ${r.cases.length} 个案件：${r.intact ? '全部完整' : '有不完整的案件'}`;
    return { intact: r.intact, text: [head, ...lines].join('\n') + '\n' };
  } finally {
    for (const rc of opened) await rc.close();
    await directory.close();
  }
}
