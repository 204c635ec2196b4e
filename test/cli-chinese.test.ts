/**
 * The CLI in Chinese, as a person who reads no English meets it: every command's human
 * output (and its errors) carries no English words outside names, numbers, file paths,
 * the commands and values one types, and a few acronyms; --json stays as it was. Then one
 * test per bug of issue 12's CLI part.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { dunguard } from './helpers/cli.js';
import { periodBound, readTypedDate, todayInShanghai, toInstant } from '../src/record/time.js';
import { parseImport } from '../src/record/import.js';
import { buildProgram, descendants } from '../src/cli/program.js';
import type { Command } from 'commander';

const tmp = mkdtempSync(join(tmpdir(), 'dunguard-zh-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const home = (): Record<string, string> => ({ DUNGUARD_HOME: join(tmp, `h${++n}`) });

/** Values and names a person types or reads as names: commands, option values, acronyms. */
const ALLOWED = new Set([
  // acronyms and formats
  'SHA', 'CSV', 'JSON', 'PDF', 'HTML', 'App', 'vCard', 'vcf', 'ISO', 'LPR', 'XIRR', 'UTF', 'GBK', 'Ctrl', 'Markdown', 'YYYY', 'MM', 'DD', 'QQ', 'Asia', 'Shanghai',
  // values typed after an option or as an argument (shown with their Chinese names)
  'sms', 'visit', 'demand', 'acknowledgement', 'lawsuit', 'borrower', 'family', 'employer', 'colleague', 'other', 'bank', 'zh', 'en', 'csv', 'json', 'md', 'html', 'pdf', 'zip',
  'active', 'overdue', 'settled', 'disputed', 'list',
  // the tool's own name
  'dunguard',
]);

/** The English words left in a text once names, paths, commands, options, ids and typed values are taken out. */
function englishWords(text: string, keep: readonly string[] = []): string[] {
  let t = text;
  for (const k of keep) t = t.split(k).join(' ');
  t = t
    .replace(/dunguard(?: [a-z][a-z-]*)*/g, ' ') // commands one types
    .replace(/--[a-z][a-z-]*/g, ' ') // options
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, ' ') // ids
    .replace(/\b[0-9a-f]{16,}\b/g, ' ') // hashes
    .replace(/^[0-9a-f]{8}\b/gm, ' ') // short debt ids
    .replace(/\b[a-z]+(?:_[a-z]+)+\b/g, ' ') // snake_case values one types (call_incoming…)
    .replace(/\b[a-z]+(?:-[a-z]+)+\b/g, ' ') // letter types (regulator-complaint…)
    .replace(/\S*\/\S*/g, ' ') // paths and addresses
    .replace(/\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:cn|com|org|gov)\b/gi, ' ') // web addresses
    .replace(/\S+\.(?:csv|json|pdf|html|md|zip|amr|png)\b/gi, ' ');
  return (t.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED.has(w));
}

function chinese(r: { code: number | null; out: string; err: string }, what: string, keep: readonly string[] = []): string {
  const all = r.out + r.err;
  assert.ok(/[\u4e00-\u9fff]/.test(all), `${what}: some Chinese\n${all}`);
  assert.deepEqual(englishWords(all, keep), [], `${what}: English words in\n${all}`);
  return all;
}

describe('every command speaks Chinese by default', () => {
  it('walks the whole CLI, success and error paths, and finds no English words', () => {
    const env = home();
    const run = (args: string[], input?: string) => dunguard(args, { env, input });
    const ok = (args: string[], input?: string) => {
      const r = run(args, input);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
      return r;
    };
    const expectCode = (args: string[], code: number) => {
      const r = run(args);
      assert.equal(r.code, code, `${args.join(' ')}: ${r.out}${r.err}`);
      return r;
    };

    chinese(ok(['check', '您的网贷已逾期，缴纳500元手续费即可消除征信记录，请加微信', '-n', '17012345678']), 'check');
    chinese(ok(['number', '17012345678']), 'number');
    chinese(ok(['number', '96110']), 'number official');
    chinese(ok(['profile']), 'profile (none)');
    chinese(expectCode(['letter', 'regulator-complaint'], 2), 'letter without a profile');
    chinese(ok(['profile', '--name', '张三', '--id-tail', '123X']), 'profile set');
    chinese(ok(['profile', '--show']), 'profile show', ['张三', '123X']);

    const added = ok(['log', 'add', '--kind', 'sms', '--at', '2026/03/02 23:20', '-n', '17012345678', '--platform', '某某金融', '--text', '你再不还钱我们就打电话给你单位领导']);
    chinese(added, 'log add');
    const id = /已记录 (\S+)/.exec(added.out)![1]!;
    chinese(ok(['log', 'add', '--kind', 'third_party', '--at', '2026年3月3日 10:00', '--contacted', 'employer', '--disclosed', '--platform', '某某金融']), 'log add third party');
    chinese(ok(['log', 'list']), 'log list');
    chinese(ok(['log', 'list', '--from', '2026年3月1日', '--to', '2026/03/31']), 'log list with dates');
    chinese(ok(['log', 'show', id]), 'log show');
    chinese(ok(['log', 'edit', id, '--notes', '晚上十一点多发来的']), 'log edit');
    const csv = join(tmp, 'calls.csv');
    writeFileSync(csv, 'kind,occurred_at,number,content\n来电,2026/03/04 08:00,13800138000,\nsms,2026年3月5日 21:30,106900000,请尽快还款\n');
    chinese(ok(['log', 'import', csv]), 'log import', [csv]);
    chinese(ok(['log', 'import', csv]), 'log import again', [csv]);
    const badCsv = join(tmp, 'bad.csv');
    writeFileSync(badCsv, 'kind,occurred_at,number\nfax,2026-03-04 08:00,1\nsms,昨天,2\n');
    chinese(expectCode(['log', 'import', badCsv], 2), 'log import refused', [badCsv, '“fax”']);
    chinese(ok(['log', 'import', badCsv, '--skip-invalid']), 'log import skipping', [badCsv, '“fax”']);
    chinese(ok(['log', 'reanalyse']), 'log reanalyse');
    const rec = join(tmp, 'call.amr');
    writeFileSync(rec, Buffer.alloc(1024, 7));
    chinese(ok(['evidence', 'add', rec, '--event', id]), 'evidence add', [rec]);

    chinese(ok(['report']), 'report');
    const pdf = join(tmp, 'report.pdf');
    chinese(ok(['report', '--out', pdf]), 'report --out', [pdf]);
    chinese(ok(['verify']), 'verify');
    const zip = join(tmp, 'case.zip');
    chinese(ok(['export', '--out', zip]), 'export', [zip]);
    chinese(ok(['verify-package', zip]), 'verify-package', [zip]);
    const elsewhere = dunguard(['import-package', zip], { env: { DUNGUARD_HOME: join(tmp, 'imported') } });
    assert.equal(elsewhere.code, 0, elsewhere.err);
    chinese(elsewhere, 'import-package', [zip]);
    chinese(expectCode(['import-package', zip], 2), 'import-package into a record that is not empty', [zip]);

    chinese(ok(['debt', 'list']), 'debt list (empty)');
    chinese(ok(['debt', 'plan', '--monthly', '1500']), 'debt plan (no debts)');
    const debt = ok(['debt', 'add', '--lender', '某某消费金融', '--kind', 'consumer_finance', '--principal', '2万', '--received', '18000元', '--date', '2026年1月5日', '--instalments', '12', '--amount', '1900']);
    chinese(debt, 'debt add', ['某某消费金融']);
    const debtId = /已记下这笔借款 (\S+)/.exec(debt.out)![1]!.slice(0, 8);
    chinese(ok(['debt', 'pay', debtId, '--amount', '1900', '--date', '2026/02/05']), 'debt pay', ['某某消费金融']);
    chinese(ok(['debt', 'fee', debtId, '--amount', '100', '--what', '逾期费']), 'debt fee', ['某某消费金融']);
    chinese(ok(['debt', 'event', debtId, '--kind', 'demand', '--date', '3月1日']), 'debt event', ['某某消费金融']);
    chinese(ok(['debt', 'show', debtId]), 'debt show', ['某某消费金融']);
    chinese(ok(['debt', 'cost', debtId]), 'debt cost', ['某某消费金融']);
    chinese(ok(['debt', 'list']), 'debt list', ['某某消费金融']);
    chinese(ok(['debt', 'summary']), 'debt summary');
    chinese(ok(['debt', 'plan', '--monthly', '1500']), 'debt plan', ['某某消费金融']);
    chinese(ok(['debt', 'lpr', '2026-01', '3.0', '--source', '中国人民银行公告']), 'debt lpr');
    const debts = join(tmp, 'debts.json');
    writeFileSync(debts, JSON.stringify([{ lender: { name: '某某小贷', kind: 'licensed_microlender' }, principal_fen: 100000, received_fen: 100000, date: '2026-01-01', schedule: [{ due: '2026-02-01', amount_fen: 110000 }] }]));
    chinese(ok(['debt', 'import', debts]), 'debt import', [debts]);
    chinese(ok(['debt', 'settle', debtId, '--date', '2026-03-10']), 'debt settle', ['某某消费金融']);

    chinese(ok(['route']), 'route');
    chinese(ok(['letter', 'list']), 'letter list');
    const letter = join(tmp, 'letter.md');
    chinese(ok(['letter', 'regulator-complaint', '--out', letter]), 'letter --out', [letter]);

    // Errors: the tool's own and commander's.
    chinese(expectCode(['check', '--numbr', '1', '你好'], 2), 'unknown option', ['--numbr']);
    chinese(expectCode(['log', 'show'], 2), 'missing argument');
    chinese(expectCode(['evidence', 'add', rec], 2), 'missing required option', [rec]);
    chinese(expectCode(['report', '--lang', 'fr'], 2), 'invalid choice', ['“fr”']);
    chinese(expectCode(['debt', 'add', '--lender', '某', '--kind', 'shop', '--principal', '1', '--date', '2026-01-01', '--amount', '1', '--due', '2026-02-01'], 2), 'invalid lender kind', ['“shop”']);
    chinese(expectCode(['check', '你好', '多余'], 2), 'too many arguments');
    chinese(expectCode(['imprt'], 2), 'unknown command', ['“imprt”']);
    chinese(expectCode(['log', 'add', '--kind', 'fax', '--at', '2026-03-02 10:00'], 2), 'bad kind', ['“fax”']);
    chinese(expectCode(['log', 'add', '--kind', 'sms', '--at', '下午'], 2), 'bad time');
    chinese(expectCode(['log', 'show', 'nope'], 2), 'no such event', ['nope']);
    chinese(expectCode(['debt', 'show', 'nope'], 2), 'no such debt', ['nope']);
    chinese(expectCode(['letter', 'nope'], 2), 'no such letter', ['nope']);
    chinese(expectCode(['log', 'import', join(tmp, 'missing.csv')], 2), 'missing file', [join(tmp, 'missing.csv')]);
  });

  it('speaks English with --lang en, and --json is unchanged', () => {
    const env = home();
    const r = dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-03-02 23:20', '--contacted', 'family', '--text', '你再不还钱我们就告诉你家人', '--lang', 'en'], { env });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^added /);
    assert.match(r.out, /→ Family/);
    assert.ok(!/[\u4e00-\u9fff]/.test(r.out.replace(/你再不还钱我们就告诉你家人/g, '')), r.out);
    const j = JSON.parse(dunguard(['log', 'list', '--json'], { env }).out) as { contacted: string; analysis: { verdict: string } }[];
    assert.equal(j[0]!.contacted, 'family');
    assert.match(dunguard(['debt', 'plan', '--monthly', '1500', '--lang', 'en'], { env }).out, /no open debts/);
    const e = dunguard(['check', '--numbr', '1', 'x', '--lang', 'en']);
    assert.equal(e.code, 2);
    assert.match(e.err, /Unknown option --numbr\. Did you mean --number\?/);
    assert.ok(!/[\u4e00-\u9fff]/.test(e.err), e.err);
  });
});

/** Every command and subcommand of the program, as the words one types after `dunguard` (["log", "add"]…). */
function commandPaths(): string[][] {
  const path = (c: Command): string[] => (c.parent === null ? [] : [...path(c.parent), c.name()]);
  return descendants(buildProgram('zh')).map(path);
}

describe('--help in Chinese, for the program and every command', () => {
  /** JSON keys one types in classify's input, and the data-folder variable: names. */
  const names = ['{"id","text","number"?}', '“date”', '$DUNGUARD_HOME'];
  const paths = commandPaths();
  /** A help's text with the command names of its list of commands (typed, not read) taken out. */
  const help = (r: { code: number | null; out: string; err: string }) => ({ ...r, out: r.out.replace(/^ {2}[a-z][a-z-]*(?= )/gm, '  '), err: r.err.replace(/^ {2}[a-z][a-z-]*(?= )/gm, '  ') });

  it('finds every command in the program object', () => {
    assert.ok(paths.length >= 30, String(paths.length));
    for (const p of [['check'], ['log', 'add'], ['debt', 'lpr'], ['evidence', 'add'], ['verify-package']]) assert.ok(paths.some((q) => q.join(' ') === p.join(' ')), p.join(' '));
  });

  it('has no English words in any help, usage line, heading, option or the help command', () => {
    const all = [[], ...paths];
    for (const p of all) {
      const r = dunguard([...p, '--help']);
      assert.equal(r.code, 0, `${p.join(' ')} --help: ${r.err}`);
      const text = chinese(help(r), `dunguard ${p.join(' ')} --help`, names);
      assert.match(text, /^用法： dunguard/, p.join(' '));
      assert.match(text, /-h, --help +显示这个命令的用法/);
    }
    // The help command, at the top and in a group; a group alone prints its help (a usage error).
    chinese(help(dunguard(['help', 'log'])), 'dunguard help log', names);
    chinese(help(dunguard(['debt', 'help', 'add'])), 'dunguard debt help add', names);
    const bare = dunguard(['log']);
    assert.equal(bare.code, 2);
    chinese(help(bare), 'dunguard log', names);
  });

  it('is English with --lang en', () => {
    for (const p of [[], ['log'], ['log', 'add'], ['debt', 'add'], ['letter']]) {
      const r = dunguard([...p, '--help', '--lang', 'en']);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^Usage: dunguard/);
      assert.match(r.out, /Options:/);
      assert.ok(!/[\u4e00-\u9fff]/.test(r.out.replace(/2025年11月2日|11月2日/g, '')), `${p.join(' ')}: Chinese in\n${r.out}`);
    }
  });
});

describe('classify and verify speak the person\'s language too', () => {
  it("classify's progress line is Chinese (English with --lang en); its output stays JSON", () => {
    const input = Array.from({ length: 10_001 }, (_, i) => JSON.stringify({ id: String(i), text: '您的网贷已逾期，请尽快还款' })).join('\n') + '\n';
    const env = { DUNGUARD_WORKERS: '1' };
    const zh = dunguard(['classify'], { input, env });
    assert.equal(zh.code, 0, zh.err);
    assert.match(zh.err, /^dunguard classify：已判断 10001 行（每秒 \d+ 行）$/m);
    assert.deepEqual(englishWords(zh.err), [], zh.err);
    assert.equal(zh.out.trim().split('\n').length, 10_001);
    const en = dunguard(['classify', '--lang', 'en'], { input, env });
    assert.match(en.err, /^classify: 10001 lines \(\d+\/s\)$/m);
    assert.equal(dunguard(['classify', '-q'], { input, env }).err, '');
  });

  it("verify names each problem in plain words: which entry, record or file, no column or code names", () => {
    /** A record with two events, their recordings and a debt, then changed around the program by `tamper`. */
    const tampered = (events: number, tamper: (db: Database.Database, home: string, ids: string[]) => void): Record<string, string> => {
      const env = home();
      const ids = [1, 2, 3].slice(0, events).map((i) => {
        const r = dunguard(['log', 'add', '--kind', 'sms', '--at', `2026-03-0${i} 10:00`, '--text', '请还款', '--json'], { env });
        const id = (JSON.parse(r.out) as { id: string }).id;
        const f = join(tmp, `rec${n}-${i}.amr`);
        writeFileSync(f, Buffer.alloc(100 * i, i));
        assert.equal(dunguard(['evidence', 'add', f, '--event', id], { env }).code, 0);
        return id;
      });
      dunguard(['debt', 'add', '--lender', '某某', '--principal', '1000', '--date', '2026-01-01', '--amount', '1100', '--due', '2026-02-01'], { env });
      const db = new Database(join(env.DUNGUARD_HOME!, 'dunguard.sqlite'));
      db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
      tamper(db, env.DUNGUARD_HOME!, ids);
      db.close();
      return env;
    };
    const vaultFiles = (h: string): string[] => readdirSync(join(h, 'vault')).filter((d) => d.length === 2).flatMap((d) => readdirSync(join(h, 'vault', d)).map((f) => join(h, 'vault', d, f)));
    const rows = tampered(3, (db, h, [a, b, c]) => {
      db.prepare("UPDATE events SET content = '你好', notes = '改过' WHERE id = ?").run(a);
      db.prepare("UPDATE events SET occurred_utc = '2025-01-01T00:00:00.000Z' WHERE id = ?").run(b);
      db.prepare("UPDATE events SET import_key = 'csv:0000' WHERE id = ?").run(c);
      db.prepare('DELETE FROM event_evidence WHERE event_id = ?').run(b);
      db.prepare("UPDATE audit SET payload = payload || ' ' WHERE seq = 2").run();
      db.prepare("INSERT INTO events (id, kind, occurred_at, occurred_utc, time_zone, claimed, contacted, source, created_at, updated_at) VALUES ('x1', 'sms', 't', 't', 'Asia/Shanghai', '{}', 'borrower', 'manual', 't', 't')").run();
      const [f1, f2] = vaultFiles(h);
      writeFileSync(f1!, 'changed');
      unlinkSync(f2!);
    });
    const chain = tampered(2, (db) => {
      db.prepare('DELETE FROM audit WHERE seq = 2').run();
      db.prepare('DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)').run();
    });
    for (const env of [rows, chain]) {
      const r = dunguard(['verify'], { env });
      assert.equal(r.code, 4, r.out + r.err);
      chinese(r, 'verify (not intact)');
      assert.ok(!/occurred_utc|import_key|tombstone|row_|file_|entry \d/.test(r.out), r.out);
      // Every problem says what it is about, after its name.
      for (const line of r.out.trim().split('\n').slice(1)) assert.match(line, /^ {2}\S+：\S/, line);
      const en = dunguard(['verify', '--lang', 'en'], { env });
      assert.ok(!/[\u4e00-\u9fff]|occurred_utc|import_key|tombstone/.test(en.out), en.out);
      for (const line of en.out.trim().split('\n').slice(1)) assert.match(line, /^ {2}[^:]+: \S/, line);
      // --verbose adds each problem's code and the technical detail.
      assert.match(dunguard(['verify', '--verbose'], { env }).out, /^ {4}\[[a-z_]+\] /m);
    }
    const out = dunguard(['verify'], { env: rows }).out;
    for (const what of ['改动的内容：内容、备注', '用来按日期查找的时间', '导入标记', '不见了', '现在的指纹是', '证据文件', '第 2 条（', '没有经过审计日志']) assert.ok(out.includes(what), `${what} in\n${out}`);
    assert.match(dunguard(['verify'], { env: chain }).out, /缺第 2 条[\s\S]*第 3 条[\s\S]*记下的末端是第/);
  });
});

describe('issue 12: the CLI bugs', () => {
  it('log add names the verdict, the contacted party and hides signal ids unless --verbose', () => {
    const env = home();
    const r = dunguard(['log', 'add', '--kind', 'third_party', '--at', '2026-03-02 10:00', '--contacted', 'employer', '--text', '你再不还钱我们就打电话给你单位领导，爆你通讯录'], { env });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /→ 单位/);
    assert.match(r.out, /\[违规催收 \d+%\]/);
    assert.ok(!/collection_violation|employer|[A-Z]+\.[A-Z_]+/.test(r.out), r.out);
    const id = /已记录 (\S+)/.exec(r.out)![1]!;
    assert.match(dunguard(['log', 'show', id, '--verbose'], { env }).out, /\[[A-Z]+\.[A-Z_]+\]/);
  });

  it('number and check: flags by their Chinese names, signal ids only with --verbose', () => {
    const num = dunguard(['number', '17012345678']);
    assert.match(num.out, /特征：虚拟运营商号段/);
    assert.ok(!num.out.includes('virtual_operator'));
    const text = '您的网贷已逾期，缴纳500元手续费即可消除征信记录';
    assert.ok(!/[A-Z]+\.[A-Z_]+/.test(dunguard(['check', text]).out));
    assert.match(dunguard(['check', text, '--verbose']).out, /\[SCAM\.[A-Z_]+ 权重/);
    assert.ok(JSON.parse(dunguard(['number', '17012345678', '--json']).out).flags.includes('virtual_operator'));
  });

  it('debt plan with no debts says there is nothing to plan', () => {
    const r = dunguard(['debt', 'plan', '--monthly', '1500'], { env: home() });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /没有未结清的借款/);
    assert.ok(!r.out.includes('0 个月'));
  });

  it('a bad --kind lists the allowed values with their Chinese names', () => {
    const r = dunguard(['log', 'add', '--kind', 'fax', '--at', '2026-03-02 10:00'], { env: home() });
    assert.equal(r.code, 2);
    assert.match(r.err, /类型（--kind）只能是以下之一：.*sms 短信.*visit 上门/);
    assert.ok(!r.err.includes('Invalid option'));
  });

  it('amounts with 万 and 元 are read; others refused in Chinese with an example', () => {
    const env = home();
    const r = dunguard(['debt', 'add', '--lender', '某某', '--principal', '1.5万', '--received', '14000元', '--date', '2026-01-01', '--amount', '1万', '--due', '2026-06-01', '--json'], { env });
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out) as { debt: { principal_fen: number; received_fen: number; schedule: { amount_fen: number }[] } };
    assert.equal(d.debt.principal_fen, 1_500_000);
    assert.equal(d.debt.received_fen, 1_400_000);
    assert.equal(d.debt.schedule[0]!.amount_fen, 1_000_000);
    const bad = dunguard(['debt', 'add', '--lender', '某某', '--principal', '一万', '--date', '2026-01-01', '--amount', '1', '--due', '2026-02-01'], { env });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--principal 的金额“一万”看不懂：请写成 1000、1,000\.50、10000元 或 1\.5万/);
  });

  it("commander's errors are Chinese (English with --lang en) and exit 2", () => {
    const unknown = dunguard(['check', '--numbr', '1', '你好']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /不认识的选项 --numbr。您是想用 --number 吗？/);
    assert.match(unknown.err, /dunguard check --help/);
    const missing = dunguard(['log', 'show']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /缺少记录编号（见 dunguard log list）/);
    const cmd = dunguard(['chek']);
    assert.equal(cmd.code, 2);
    assert.match(cmd.err, /没有“chek”这个命令。您是想用 dunguard check 吗？/);
    const en = dunguard(['log', 'show', '--lang', 'en']);
    assert.equal(en.code, 2);
    assert.match(en.err, /Missing the required argument <id>/);
    assert.equal(dunguard(['--help']).code, 0);
    assert.equal(dunguard(['--version']).code, 0);
  });

  it('dunguard import x.csv suggests log import', () => {
    const r = dunguard(['import', 'x.csv']);
    assert.equal(r.code, 2);
    assert.match(r.err, /dunguard log import/);
  });

  it('letter without a profile gives the real command, which works', () => {
    const env = home();
    const r = dunguard(['letter', 'regulator-complaint'], { env });
    assert.equal(r.code, 2);
    assert.ok(!r.err.includes('profile set'), r.err);
    const cmd = /dunguard profile --name 您的姓名 --id-tail 身份证号后四位/.exec(r.err);
    assert.ok(cmd, r.err);
    assert.equal(dunguard(['profile', '--name', '张三', '--id-tail', '123X'], { env }).code, 0);
  });

  it('log list --from 2026年11月25日 is read, and an unreadable date is a clear error', () => {
    const env = home();
    assert.equal(dunguard(['log', 'add', '--kind', 'sms', '--at', '2025-11-26 09:00', '--text', '请还款'], { env }).code, 0);
    assert.equal(dunguard(['log', 'add', '--kind', 'sms', '--at', '2025-11-20 09:00', '--text', '请还款'], { env }).code, 0);
    const list = JSON.parse(dunguard(['log', 'list', '--from', '2025年11月25日', '--json'], { env }).out) as unknown[];
    assert.equal(list.length, 1);
    const bad = dunguard(['log', 'list', '--from', '2025年13月1日'], { env });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /看不懂 --from 的日期“2025年13月1日”/);
    assert.ok(!/内部错误|Invalid time value/.test(bad.err));
    const report = dunguard(['report', '--from', '昨天'], { env });
    assert.equal(report.code, 2);
    assert.match(report.err, /看不懂 --from 的日期/);
  });

  it('report, letter and export --out into a missing folder: a clear Chinese error', () => {
    const env = home();
    dunguard(['profile', '--name', '张三'], { env });
    for (const args of [['report', '--out', 'no-such-folder/report.pdf'], ['letter', 'cease-harassment', '--out', 'no-such-folder/l.md'], ['export', '--out', 'no-such-folder/case.zip']]) {
      const r = dunguard(args, { env });
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /文件夹 no-such-folder 不存在/);
      assert.ok(!/ENOENT|内部错误/.test(r.err), r.err);
    }
  });

  it('one date reader for every input: the same forms accepted everywhere, refused the same way', () => {
    for (const s of ['2025-11-02', '2025/11/02', '2025.11.02', '2025年11月2日', '2025年11月02号']) assert.deepEqual(readTypedDate(s), { date: '2025-11-02' }, s);
    assert.deepEqual(readTypedDate('11月2日', '2031-11-29'), { date: '2031-11-02' });
    // no year: the latest such day up to today, not a day still to come
    assert.deepEqual(readTypedDate('12月5日', '2026-12-01'), { date: '2025-12-05' });
    assert.deepEqual(readTypedDate('12月1日 10:00', '2026-12-01'), { date: '2026-12-01', time: '10:00:00' });
    assert.deepEqual(readTypedDate('2月29日', '2028-03-01'), { date: '2028-02-29' });
    // a period's bound with no year is this year's ("12月1日 to 12月31日" on 2026-12-01 is December 2026)
    assert.deepEqual(readTypedDate('12月31日', '2026-12-01', 'this year'), { date: '2026-12-31' });
    assert.match(periodBound('12月31日', 'end', 'Asia/Shanghai')!, new RegExp(`^${todayInShanghai().slice(0, 4)}-12-31T23:59:59`));
    assert.deepEqual(readTypedDate('2025/11/02 23:15'), { date: '2025-11-02', time: '23:15:00' });
    assert.deepEqual(readTypedDate('2025年11月2日23点15分'), { date: '2025-11-02', time: '23:15:00' });
    for (const s of ['2025-02-30', '11-02', '2025/11-02', '昨天', '2025-11-02 24:00']) assert.equal(readTypedDate(s), undefined, s);
    assert.equal(toInstant('2025/11/02 23:15', 'Asia/Shanghai'), '2025-11-02T23:15:00+08:00');
    assert.equal(periodBound('2025年11月2日', 'end', 'Asia/Shanghai'), '2025-11-02T23:59:59+08:00');
    const csv = parseImport('kind,time,number\nsms,2025年11月2日 23:15,1\nsms,2025.11.02 23:16,2\nsms,2025-11-02,3\n');
    assert.deepEqual(csv.rows.map((r) => r.fields.occurred_at), ['2025-11-02T23:15:00+08:00', '2025-11-02T23:16:00+08:00']);
    assert.equal(csv.problems[0]!.line, 4);

    const env = home();
    const at = dunguard(['log', 'add', '--kind', 'sms', '--at', '2025年11月2日 23:15', '--json'], { env });
    assert.equal((JSON.parse(at.out) as { occurred_at: string }).occurred_at, '2025-11-02T23:15:00+08:00');
    const check = JSON.parse(dunguard(['check', '请还款', '--date', '2025/11/02', '--json']).out) as { date?: string };
    assert.ok(check);
    const debt = dunguard(['debt', 'add', '--lender', '某某', '--principal', '1000', '--date', '2025.11.02', '--amount', '1100', '--due', '2025年12月2日', '--json'], { env });
    assert.equal((JSON.parse(debt.out) as { debt: { date: string } }).debt.date, '2025-11-02');
    const refusals = [
      dunguard(['check', '请还款', '--date', '2025-13-01']).err,
      dunguard(['debt', 'add', '--lender', '某某', '--principal', '1000', '--date', '2025-13-01', '--amount', '1', '--due', '2026-01-01'], { env }).err,
      dunguard(['log', 'list', '--from', '2025-13-01'], { env }).err,
    ];
    for (const e of refusals) assert.match(e, /2025-11-02、2025\/11\/02、2025\.11\.02、2025年11月2日 或 11月2日/, e);
  });

  it('a future incident time is questioned: refused in log add/import unless --allow-future, warned in check', () => {
    const env = home();
    const future = `${new Date().getFullYear() + 1}-01-01 10:00`;
    const r = dunguard(['log', 'add', '--kind', 'sms', '--at', future, '--text', '请还款'], { env });
    assert.equal(r.code, 2);
    assert.match(r.err, /还没到：是不是日期或年份写错了？.*--allow-future/);
    assert.equal(dunguard(['log', 'add', '--kind', 'sms', '--at', future, '--text', '请还款', '--allow-future'], { env }).code, 0);
    const csv = join(tmp, 'future.csv');
    writeFileSync(csv, `kind,time,number\nsms,${future},1\nsms,2025-01-01 10:00,2\n`);
    const imp = dunguard(['log', 'import', csv], { env });
    assert.equal(imp.code, 2);
    assert.match(imp.err, /第 2 行：时间 .* 还没到/);
    assert.equal(dunguard(['log', 'import', csv, '--allow-future'], { env }).code, 0);
    const check = dunguard(['check', '请还款', '--date', `${new Date().getFullYear() + 1}-01-01`]);
    assert.equal(check.code, 0);
    assert.match(check.err, /在今天之后/);
  });

  it('a time the clocks skipped in its zone (daylight saving) is refused with why, in log add and in import', () => {
    const env = home();
    const r = dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-03-08 02:30', '--tz', 'America/New_York', '--text', '请还款'], { env });
    assert.equal(r.code, 2);
    assert.match(r.err, /时间“2026-03-08 02:30”在时区 America\/New_York 并不存在（那天夏令时开始/);
    assert.equal(dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-03-08 03:30', '--tz', 'America/New_York', '--text', '请还款'], { env }).code, 0);
    const csv = join(tmp, 'gap.csv');
    writeFileSync(csv, `kind,time,number\nsms,2026-03-08 02:30,1\nsms,2026-03-08 01:30,2\n`);
    const imp = dunguard(['log', 'import', csv, '--tz', 'America/New_York'], { env });
    assert.equal(imp.code, 2);
    assert.match(imp.err, /第 2 行：时间“2026-03-08 02:30”在时区 America\/New_York 并不存在/);
  });

  it("the README's check --json example is real text, not a placeholder", async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const m = /dunguard check "([^"]+)"[^\n]*--json/.exec(readme);
    assert.ok(m, 'an example in the README');
    assert.notEqual(m[1], '…');
    const r = dunguard(['check', m[1]!, '--json']);
    assert.equal(r.code, 0, r.err);
    assert.ok(!('error' in (JSON.parse(r.out) as object)));
  });
});
