/**
 * A throwaway PostgreSQL for the tests of the PostgreSQL store. In order:
 *   1. DUNGUARD_TEST_DATABASE_URL, when set (CI starts a cluster and sets it: see .ci/run);
 *   2. otherwise, when initdb and pg_ctl are found (PATH, then /usr/lib/postgresql/<n>/bin)
 *      and we are not root (initdb refuses root), a cluster of our own: initdb in a temporary
 *      folder, started on a free port with its socket in that folder, stopped and removed
 *      when the tests end;
 *   3. otherwise none: the tests are skipped with the reason — except under CI=true, where a
 *      missing PostgreSQL is a failure (CI must run these tests, not skip them quietly).
 * Each store the tests open lives in a schema of its own (see freshSchema).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestPostgres {
  url: string;
  /** Where it came from, for the test log. */
  origin: string;
  stop(): Promise<void>;
}

/** initdb and pg_ctl from one folder: PATH first, then Debian's /usr/lib/postgresql/<version>/bin, newest first. */
export function findPgBin(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const lib = '/usr/lib/postgresql';
  if (existsSync(lib)) {
    const versions = readdirSync(lib).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => join(lib, v, 'bin')));
  }
  return dirs.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a !== null ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** A cluster of our own, or the reason there is none. */
async function ownCluster(): Promise<TestPostgres | string> {
  const bin = findPgBin();
  if (bin === undefined) return 'no PostgreSQL: initdb/pg_ctl not found on PATH or in /usr/lib/postgresql/*/bin, and DUNGUARD_TEST_DATABASE_URL is not set';
  if (process.getuid?.() === 0) return `no PostgreSQL: running as root, and initdb (${bin}) refuses root; set DUNGUARD_TEST_DATABASE_URL (CI starts a cluster as the postgres user)`;
  const dir = mkdtempSync(join(tmpdir(), 'dunguard-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'log');
  const pgCtl = join(bin, 'pg_ctl');
  try {
    execFileSync(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8'], { stdio: 'pipe' });
    const port = await freePort();
    execFileSync(pgCtl, ['-D', data, '-l', log, '-w', '-t', '30', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`, 'start'], { stdio: 'pipe' });
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      origin: `a throwaway cluster (${bin}, port ${port}, ${dir})`,
      stop: async () => {
        spawnSync(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], { stdio: 'pipe' });
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    const out = (e as { stderr?: Buffer }).stderr?.toString() ?? '';
    const logText = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    spawnSync(pgCtl, ['-D', data, '-m', 'immediate', 'stop'], { stdio: 'pipe' });
    rmSync(dir, { recursive: true, force: true });
    return `no PostgreSQL: could not start a throwaway cluster as ${userInfo().username}: ${(e as Error).message}\n${out}${logText}`;
  }
}

/**
 * The PostgreSQL the tests use, or the reason to skip them. Under CI=true there is no
 * skipping: a missing PostgreSQL throws, and the test file fails.
 */
export async function testPostgres(): Promise<TestPostgres | { skip: string }> {
  const url = process.env.DUNGUARD_TEST_DATABASE_URL;
  const got: TestPostgres | string = url ? { url, origin: 'DUNGUARD_TEST_DATABASE_URL', stop: async () => {} } : await ownCluster();
  if (typeof got !== 'string') return got;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${got}`);
  process.stderr.write(`# skipping the PostgreSQL tests: ${got}\n`);
  return { skip: got };
}

/** A new schema name for one store (the store creates it); dropSchemas removes them all. */
export function freshSchema(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  if (schemas.length === 0) return;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  } finally {
    await c.end();
  }
}
