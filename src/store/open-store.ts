/**
 * Where a record lives, decided in one place: PostgreSQL when DUNGUARD_DATABASE_URL is set
 * (postgres://user:password@host:port/database; the tables in the schema
 * DUNGUARD_DATABASE_SCHEMA, default "dunguard"), the evidence files in the same schema;
 * otherwise the SQLite file `dunguard.sqlite` and the `vault` folder in the data folder — the
 * default for one person on one machine. The CLI and `dunguard serve` both open it here.
 */
import { join } from 'node:path';
import { SqliteStore } from './sqlite/sqlite-store.js';
import { StoreError, type Store } from './store.js';
import { Vault, type EvidenceVault } from './vault.js';

/** The PostgreSQL URL the environment names, or undefined for SQLite; a URL that is not one is an error a person can read. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.DUNGUARD_DATABASE_URL?.trim();
  if (!url) return undefined;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new StoreError(
      'BAD_DATA',
      'DUNGUARD_DATABASE_URL 不是有效的 PostgreSQL 地址：请写成 postgres://用户名:密码@主机:端口/数据库名，或者删除这个设置以使用本机的 SQLite 文件',
      'DUNGUARD_DATABASE_URL is not a PostgreSQL URL: write it as postgres://user:password@host:port/database, or unset it to use the local SQLite file',
    );
  }
  return url;
}

/** One person's record in its data folder. */
export const SQLITE_FILE = 'dunguard.sqlite';

export async function openStorage(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<{ store: Store; vault: EvidenceVault }> {
  const url = databaseUrl(env);
  if (url === undefined) return { store: SqliteStore.open(join(dataDir, SQLITE_FILE)), vault: new Vault(join(dataDir, 'vault')) };
  // Loaded only when asked for: one person's SQLite record never loads pg.
  const { PgStore } = await import('./postgres/pg-store.js');
  const store = await PgStore.open({ url, schema: env.DUNGUARD_DATABASE_SCHEMA?.trim() || undefined });
  return { store, vault: store.vault() };
}
