/** The record as a user drives it: the built CLI against a fresh data folder. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { zipSync, strToU8 } from 'fflate';
import { CLI, dunguard, jsonOut as json, logNightThreat } from './helpers/cli.js';
import { onlyOne } from '../src/service/events.js';
import { UserError } from '../src/service/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'dunguard-record-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const home = (): Record<string, string> => ({ DUNGUARD_HOME: join(tmp, `home${++n}`) });

const CSV_HEADER = 'kind,occurred_at,number,platform,content\n';
const csvRows = (count: number): string =>
  CSV_HEADER + Array.from({ length: count }, (_, i) => `sms,2026-11-${String((i % 28) + 1).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},1701234${String(i % 10000).padStart(4, '0')},某某金融,"第${i}条：您的借款已逾期，请登录App还款"\n`).join('');

describe('an event named by the first characters of its id', () => {
  it('is shown, changed and deleted by a unique prefix; a prefix several share is refused, naming them', () => {
    const env = home();
    const ids = [1, 2, 3].map((i) => json<{ id: string }>(dunguard(['log', 'add', '--kind', 'sms', '--at', `2025-11-0${i} 10:00`, '--text', `第${i}条`, '--json'], { env })).id);
    const unique = (id: string): string => {
      for (let n = 4; n <= 36; n++) if (ids.filter((x) => x.startsWith(id.slice(0, n))).length === 1) return id.slice(0, n);
      return id;
    };
    const p = unique(ids[0]!);
    assert.match(dunguard(['log', 'show', p], { env }).out, /第1条/);
    assert.equal(dunguard(['log', 'edit', p, '--notes', '改了'], { env }).code, 0);
    assert.match(dunguard(['log', 'show', ids[0]!], { env }).out, /改了/);
    const del = dunguard(['log', 'delete', p, '--reason', '测试'], { env });
    assert.equal(del.code, 0, del.err);
    assert.match(del.out, new RegExp(`已删除 ${ids[0]}`));
    // every id starts with one of 16 characters: some one-character prefix of four is shared or absent
    const shared = dunguard(['log', 'show', ids[1]!.slice(0, 3)], { env });
    assert.equal(shared.code, 2, 'fewer than four characters are never a prefix');
    assert.match(dunguard(['log', 'show', 'ffffffff'], { env }).err, /找不到记录 ffffffff/);
  });

  it('refuses an edit that changes nothing (it said 已修改 and wrote an audit entry) and a list of a kind that does not exist (it listed nothing, exit 0)', () => {
    const env = home();
    const { id } = json<{ id: string }>(dunguard(['log', 'add', '--kind', 'sms', '--at', '2025-11-02 10:00', '--text', '测试', '--json'], { env }));
    const r = dunguard(['log', 'edit', id], { env });
    assert.equal(r.code, 2);
    assert.match(r.err, /没有要修改的内容/);
    assert.match(dunguard(['verify'], { env }).out, /审计日志 1 条/);
    const k = dunguard(['log', 'list', '--kind', 'foo'], { env });
    assert.equal(k.code, 2);
    assert.match(k.err, /选项 --kind 的值“foo”不对，只能是：call_incoming/);
  });

  it('never picks one of several that share the prefix (debts took the first found)', () => {
    const items = [{ id: 'abcd1111' }, { id: 'abcd2222' }];
    assert.throws(() => onlyOne(items, 'abcd', { zh: '借款', en: 'debt' }), (e: unknown) => e instanceof UserError && e.code === 'AMBIGUOUS_ID' && /以“abcd”开头的借款有 2 条（abcd1111、abcd2222）：请多写几位/.test(e.zh));
    assert.equal(onlyOne([items[0]!], 'abcd', { zh: '借款', en: 'debt' }), items[0]);
  });
});

describe('log import of a file with nothing in it, or an unclosed quote', () => {
  it('says so (an empty file was "imported 0", exit 0; a broken quote was at "line 0")', () => {
    const env = home();
    const empty = join(tmp, 'empty.csv');
    writeFileSync(empty, '');
    const r = dunguard(['log', 'import', empty], { env });
    assert.equal(r.code, 2);
    assert.match(r.err, /无法导入：文件是空的，没有可以导入的记录/);
    const quote = join(tmp, 'quote.csv');
    writeFileSync(quote, CSV_HEADER + 'sms,2025-11-02 10:00,17012345678,x,"没有结尾的引号\n');
    const q = dunguard(['log', 'import', quote], { env });
    assert.equal(q.code, 2);
    assert.match(q.err, /第 2 行：CSV 格式有误：引号没有配对/);
    assert.doesNotMatch(q.err, /第 0 行/);
  });
});

describe('the same contact typed twice', () => {
  it('is recorded, with a note naming the first and how to delete the second', () => {
    const env = home();
    const add = (at: string) => dunguard(['log', 'add', '--kind', 'sms', '--at', at, '-n', '17012345678', '--text', '再不还钱就爆你通讯录'], { env });
    const first = add('2025-11-02 23:15');
    assert.doesNotMatch(first.out, /已有一条/);
    const again = add('2025年11月2日 23:15');
    assert.equal(again.code, 0, again.err);
    assert.equal((JSON.parse(dunguard(['log', 'list', '--json'], { env }).out) as unknown[]).length, 2);
    const idOf = (out: string): string => /^已记录 ([0-9a-f-]{36})/.exec(out)![1]!;
    assert.match(again.out, new RegExp(`已有一条时间、号码和内容都相同的记录（${idOf(first.out)}）`));
    assert.match(again.out, new RegExp(`dunguard log delete ${idOf(again.out)} `));
    assert.doesNotMatch(dunguard(['log', 'add', '--kind', 'sms', '--at', '2025-11-02 23:16', '-n', '17012345678', '--text', '再不还钱就爆你通讯录'], { env }).out, /已有一条/);
  });
});

describe('a record whose database was deleted', () => {
  it('is not intact when its evidence is still there (verify said 记录完整 and made a new, empty database)', () => {
    const env = home();
    const e = logNightThreat(env, tmp);
    assert.ok(e.id);
    assert.equal(dunguard(['verify'], { env }).code, 0);
    for (const f of ['dunguard.sqlite', 'dunguard.sqlite-wal', 'dunguard.sqlite-shm']) rmSync(join(env.DUNGUARD_HOME!, f), { force: true });
    const r = dunguard(['verify'], { env });
    assert.equal(r.code, 4);
    assert.match(r.err, /记录不完整：.*记录数据库不见了或是空的，但证据文件夹里还有文件/);
    assert.throws(() => readFileSync(join(env.DUNGUARD_HOME!, 'dunguard.sqlite')), 'verify made nothing');
  });
});

describe('a --data-dir that holds no record', () => {
  it('is refused, in Chinese and without making anything there, by the commands that only read (a mistyped path once gave an empty record that verify called intact)', () => {
    const missing = join(tmp, 'no-such-record');
    for (const args of [['log', 'list'], ['report'], ['verify'], ['export', '--out', join(tmp, 'x.zip')], ['route'], ['tags'], ['debt', 'list'], ['debt', 'plan', '--monthly', '1000'], ['profile', '--show']]) {
      const r = dunguard([...args, '--data-dir', missing]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /里没有 dunguard 的记录：是不是路径写错了/, args.join(' '));
      assert.throws(() => readFileSync(join(missing, 'dunguard.sqlite')));
    }
    // an empty database file is no record either
    const emptyDb = join(tmp, 'empty-db');
    mkdirSync(emptyDb);
    writeFileSync(join(emptyDb, 'dunguard.sqlite'), '');
    assert.equal(dunguard(['verify', '--data-dir', emptyDb]).code, 2);
    // the first write makes it, and then it is read
    assert.equal(dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-11-20 10:00', '--text', '测试', '--data-dir', missing]).code, 0);
    assert.equal(dunguard(['verify', '--data-dir', missing]).code, 0);
  });
});

describe('dunguard log, evidence, report, verify, export', () => {
  it('lists each event by what the person was told (the assessment), with how sure when not sure', () => {
    const env = home();
    json(dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-11-20 10:00', '--text', '这里是公安局，你的银行卡涉嫌洗钱，请配合调查', '--json'], { env }));
    json(dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-11-20 11:00', '--text', '兄弟，我最近手头紧，能不能借我3000，下个月发工资还你', '--json'], { env }));
    const list = dunguard(['log', 'list'], { env });
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /\[可疑（把握一般） \d+%\]/);
    assert.match(list.out, /\[诈骗（把握一般） \d+%\]/);
    assert.match(dunguard(['log', 'list', '--lang', 'en'], { env }).out, /\[Scam \(not certain\) \d+%\]/);
  });

  it('records a case from first call to a verified package', () => {
    const env = home();
    assert.equal(logNightThreat(env, tmp).analysis.verdict, 'collection_violation');
    const report = json<{ findings: { id: string }[] }>(dunguard(['report', '--json'], { env }));
    assert.ok(report.findings.some((f) => f.id === 'NIGHT_CONTACT'));
    assert.match(dunguard(['verify'], { env }).out, /^记录完整/);
    const zip = join(tmp, 'case.zip');
    assert.equal(dunguard(['export', '--out', zip], { env }).code, 0);
    const ok = dunguard(['verify-package', zip]);
    assert.equal(ok.code, 0, ok.out + ok.err);
    // One byte changed in the package: refused.
    const bytes = readFileSync(zip);
    const at = bytes.indexOf(Buffer.alloc(64, 1));
    bytes[at + 10] = 2;
    const bad = join(tmp, 'bad.zip');
    writeFileSync(bad, bytes);
    const refused = dunguard(['verify-package', bad, '--lang', 'en']);
    assert.equal(refused.code, 4);
    assert.match(refused.out, /Entry evidence\/.*: its data is damaged: its CRC-32 does not match/);
  });

  it('refuses a package whose entries would escape its folder (zip-slip)', () => {
    const evil = join(tmp, 'evil.zip');
    writeFileSync(evil, zipSync({ 'manifest.json': strToU8('{"files":[],"audit_head":null}'), '../../etc/cron.d/x': strToU8('boom') }));
    const r = dunguard(['verify-package', evil]);
    assert.equal(r.code, 4);
    assert.match(r.out, /zip-slip/);
  });

  it('imports a call log twice without adding anything the second time', () => {
    const env = home();
    const file = join(tmp, 'log.csv');
    writeFileSync(file, csvRows(50));
    assert.equal(json<{ imported: number }>(dunguard(['log', 'import', file, '--json'], { env })).imported, 50);
    const again = json<{ imported: number; skipped_existing: number }>(dunguard(['log', 'import', file, '--json'], { env }));
    assert.deepEqual([again.imported, again.skipped_existing], [0, 50]);
    assert.match(dunguard(['verify'], { env }).out, /^记录完整，没有被改动：审计日志 50 条，来电和短信记录 50 条/);
  });

  it('imports nothing from a file with a bad row, and says which row', () => {
    const env = home();
    const file = join(tmp, 'bad.csv');
    writeFileSync(file, CSV_HEADER + 'sms,2026-11-20 10:00,13800138000,x,ok\nsms,yesterday,13800138000,x,bad time\nfax,2026-11-20 10:00,1,x,bad kind\n');
    const r = dunguard(['log', 'import', file], { env });
    assert.equal(r.code, 2);
    assert.match(r.err, /第 3 行：看不懂时间“yesterday”/);
    assert.match(r.err, /第 4 行：不认识的类型“fax”/);
    assert.match(dunguard(['log', 'import', file, '--lang', 'en'], { env }).err, /line 4: unknown kind "fax"/);
    assert.equal(json<unknown[]>(dunguard(['log', 'list', '--json'], { env })).length, 0);
    assert.equal(json<{ imported: number }>(dunguard(['log', 'import', file, '--skip-invalid', '--json'], { env })).imported, 1);
  });

  it('imports nothing from a large file whose bad row comes late, and all of it with --skip-invalid', () => {
    const env = home();
    const file = join(tmp, 'large-bad.csv');
    const lines = csvRows(3000).split('\n');
    lines[2900] = 'sms,yesterday,13800138000,x,bad time';
    writeFileSync(file, lines.join('\n'));
    json(dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-11-01 12:00', '--text', '先记下的一条', '--json'], { env }));
    const r = dunguard(['log', 'import', file], { env });
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /^dunguard: 1 行有误，所以什么都没有导入/);
    assert.match(r.err, /第 2901 行：看不懂时间“yesterday”/);
    // with --json too: exit 2, and each row in error in both languages
    const j = dunguard(['log', 'import', file, '--json'], { env });
    assert.equal(j.code, 2);
    const e = (JSON.parse(j.out) as { error: { code: string; details: { imported: number; problems: { line: number; error: string; zh: string }[] } } }).error;
    assert.equal(e.details.imported, 0);
    assert.deepEqual(e.details.problems.map((p) => p.line), [2901]);
    assert.match(e.details.problems[0]!.zh, /看不懂时间“yesterday”/);
    assert.match(e.details.problems[0]!.error, /cannot read the time "yesterday"/);
    assert.match(dunguard(['verify'], { env }).out, /^记录完整，没有被改动：审计日志 1 条，来电和短信记录 1 条/);
    const ok = json<{ imported: number; problems: { line: number }[] }>(dunguard(['log', 'import', file, '--skip-invalid', '--json'], { env }));
    assert.deepEqual([ok.imported, ok.problems.map((p) => p.line)], [2999, [2901]]);
    assert.match(dunguard(['verify'], { env }).out, /^记录完整，没有被改动：审计日志 3000 条，来电和短信记录 3000 条/);
    const again = json<{ imported: number; skipped_existing: number }>(dunguard(['log', 'import', file, '--skip-invalid', '--json'], { env }));
    assert.deepEqual([again.imported, again.skipped_existing], [0, 2999]);
  });

  it('reads generic phone-backup columns (number, type, date, duration)', () => {
    const env = home();
    const file = join(tmp, 'calls.csv');
    writeFileSync(file, 'Number,Type,Date,Duration\n17012345678,missed,2026-11-20 23:40,0\n17012345678,incoming,1763654400000,35\n');
    assert.equal(json<{ imported: number }>(dunguard(['log', 'import', file, '--json'], { env })).imported, 2);
    const list = json<{ kind: string; duration_s?: number }[]>(dunguard(['log', 'list', '--json'], { env }));
    assert.deepEqual(list.map((e) => e.kind).sort(), ['call_incoming', 'call_missed']);
  });

  it('keeps every committed record when killed in the middle of a large import', async () => {
    const env = home();
    const file = join(tmp, 'big.csv');
    writeFileSync(file, csvRows(40_000));
    json(dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-11-01 12:00', '--text', '先记下的一条', '--json'], { env }));
    const child = spawn(process.execPath, [CLI, 'log', 'import', file], { env: { ...process.env, ...env } });
    await new Promise((r) => setTimeout(r, 1500));
    const killed = child.kill('SIGKILL');
    const code = await new Promise((r) => child.on('exit', (c, s) => r(s ?? c)));
    assert.ok(killed);
    const count = json<unknown[]>(dunguard(['log', 'list', '--json'], { env })).length;
    assert.ok(count === 1 || count === 40_001, `all or nothing, found ${count} (exit ${String(code)})`);
    assert.match(dunguard(['verify'], { env }).out, /^记录完整/);
  });

  it('keeps the record intact when killed while adding evidence', async () => {
    const env = home();
    const ev = json<{ id: string }>(dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-11-20 10:00', '--text', '逾期', '--json'], { env }));
    const script = `
      import { runEvidenceAdd } from ${JSON.stringify(new URL('../dist/src/cli/evidence.js', import.meta.url).href)};
      import { writeFileSync } from 'node:fs';
      for (let i = 0; ; i++) {
        const p = ${JSON.stringify(join(tmp, 'ev-'))} + i;
        writeFileSync(p, Buffer.alloc(256 * 1024, i % 251));
        await runEvidenceAdd(p, { event: ${JSON.stringify(ev.id)}, json: false });
        process.stdout.write('+');
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env } });
    // Killed once a few files are in (however slow the machine), a moment into the next one.
    await new Promise<void>((resolve, reject) => {
      let added = 0;
      child.stdout.on('data', (d: Buffer) => {
        added += d.toString().split('+').length - 1;
        if (added >= 3) setTimeout(resolve, 40);
      });
      child.on('exit', (code) => reject(new Error(`the adding process ended first (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const v = dunguard(['verify', '--json'], { env });
    const report = JSON.parse(v.out) as { intact: boolean; evidence: number };
    assert.ok(report.intact, v.out);
    assert.ok(report.evidence > 0, 'some evidence was added before the kill');
  });

  it('streams a 2 GB recording into the vault without holding it in memory', { timeout: 180_000 }, async () => {
    const env = home();
    const ev = json<{ id: string }>(dunguard(['log', 'add', '--kind', 'call_incoming', '--at', '2026-11-20 10:00', '--json'], { env }));
    const big = join(tmp, 'big.wav');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 2 * 1024 ** 3); // sparse: 2 GiB of zeros without 2 GiB of writing here
    closeSync(fd);
    const script = `
      import { runEvidenceAdd } from ${JSON.stringify(new URL('../dist/src/cli/evidence.js', import.meta.url).href)};
      const out = await runEvidenceAdd(${JSON.stringify(big)}, { event: ${JSON.stringify(ev.id)}, json: true });
      console.log(JSON.stringify({ out: JSON.parse(out), maxRssMB: process.resourceUsage().maxRSS / 1024 }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
    rmSync(big);
    assert.equal(r.status, 0, r.stderr);
    const { out, maxRssMB } = JSON.parse(r.stdout) as { out: { size: number; sha256: string }; maxRssMB: number };
    assert.equal(out.size, 2 * 1024 ** 3);
    assert.equal(out.sha256, 'a7c744c13cc101ed66c29f672f92455547889cc586ce6d44fe76ae824958ea51'); // SHA-256 of 2 GiB of zero bytes
    assert.ok(maxRssMB < 400, `peak memory ${maxRssMB} MB`);
    assert.match(dunguard(['verify'], { env }).out, /^记录完整/);
  });

  it('gives clear errors for a missing file and an unknown event', () => {
    const env = home();
    const ev = json<{ id: string }>(dunguard(['log', 'add', '--kind', 'visit', '--at', '2026-11-20 10:00', '--json'], { env }));
    const missing = dunguard(['evidence', 'add', join(tmp, 'gone.mp3'), '--event', ev.id], { env });
    assert.equal(missing.code, 2);
    assert.match(missing.err, /文件不存在/);
    assert.equal(dunguard(['evidence', 'add', join(tmp, 'gone.mp3'), '--event', 'nope'], { env }).code, 2);
    assert.match(dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-02-30 10:00'], { env }).err, /看不懂时间“2026-02-30 10:00”/);
    assert.match(dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-02-30 10:00', '--lang', 'en'], { env }).err, /Invalid time/);
  });
});
