/**
 * verify-package against every attack of issue 10: the central directory is the truth, the
 * content is checked both ways and re-derived, memory is bounded, and a package dunguard wrote
 * always verifies whatever its evidence contains. Each crafted package is also given to
 * `unzip -t` and Python's zipfile, which must agree with our verdict on zip-level soundness.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { runEvidenceAdd } from '../src/cli/evidence.js';
import { runLogAdd } from '../src/cli/log.js';
import { runExport } from '../src/cli/package.js';
import { packageRoot } from '../src/data/load.js';
import { verifyPackage } from '../src/service/package-verify.js';
import { crc32 } from '../src/service/zip-read.js';

const tmp = mkdtempSync(join(tmpdir(), 'dunguard-pkg-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const file = (name: string): string => join(tmp, `${++n}-${name}`);

// ---- the record and its package ---------------------------------------------------------

async function addEvent(dataDir: string, args: { kind: string; text?: string }): Promise<string> {
  const out = await runLogAdd({ dataDir, json: true, kind: args.kind, at: '2026-11-20 23:15', number: '17012345678', platform: '某某金融', text: args.text } as Parameters<typeof runLogAdd>[0]);
  return (JSON.parse(out) as { id: string }).id;
}
async function packageWith(evidence: Buffer[], opts: { text?: string } = {}): Promise<string> {
  const dataDir = file('home');
  const id = await addEvent(dataDir, { kind: opts.text ? 'sms' : 'call_incoming', text: opts.text });
  for (const bytes of evidence) {
    const f = file('evidence.bin');
    writeFileSync(f, bytes);
    await runEvidenceAdd(f, { dataDir, json: true, event: id });
  }
  const out = file('case.zip');
  await runExport({ dataDir, json: true, out });
  return out;
}

// ---- other tools ------------------------------------------------------------------------

const hasUnzip = spawnSync('/usr/bin/unzip', ['-v']).status === 0;
const hasPython = spawnSync('python3', ['-c', 'import zipfile']).status === 0;
if (!hasUnzip) console.log('# /usr/bin/unzip not available: the unzip comparisons are skipped');
if (!hasPython) console.log('# python3 not available: the zipfile comparisons are skipped');
/** What unzip -t and Python's zipfile say about the zip layer: true = sound. */
function othersSay(path: string): { unzip?: boolean; python?: boolean } {
  const r: { unzip?: boolean; python?: boolean } = {};
  if (hasUnzip) r.unzip = spawnSync('/usr/bin/unzip', ['-tqq', path]).status === 0;
  if (hasPython) r.python = spawnSync('python3', ['-c', 'import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1])\nsys.exit(0 if z.testzip() is None else 1)', path]).status === 0;
  return r;
}
const zipLevel = (codes: string[]): boolean => !codes.some((c) => c.startsWith('ZIP') || c === 'MEMBER_TOO_LARGE');
/** Our verdict on the zip layer agrees with unzip and Python's. */
function assertAgree(path: string, codes: string[]): void {
  const ours = zipLevel(codes);
  for (const [tool, sound] of Object.entries(othersSay(path))) assert.equal(sound, ours, `${tool} says the zip is ${sound ? 'sound' : 'broken'}, we found ${codes.join(', ') || 'nothing'}`);
}
const codesOf = async (path: string, opts: { memberLimit?: number } = {}): Promise<string[]> => (await verifyPackage(path, opts)).problems.map((p) => p.code);

// ---- crafting ---------------------------------------------------------------------------

interface CdEntry {
  name: string;
  /** Offset of the central-directory record in the file. */
  at: number;
  flags: number;
  method: number;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
}
function centralDirectory(buf: Buffer): { entries: CdEntry[]; cdOffset: number; eocd: number } {
  const eocd = buf.length - 22;
  assert.equal(buf.readUInt32LE(eocd), 0x06054b50);
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  const entries: CdEntry[] = [];
  let at = cdOffset;
  for (let k = 0; k < count; k++) {
    const nameLen = buf.readUInt16LE(at + 28);
    entries.push({
      name: buf.subarray(at + 46, at + 46 + nameLen).toString('utf8'),
      at,
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      crc: buf.readUInt32LE(at + 16),
      csize: buf.readUInt32LE(at + 20),
      usize: buf.readUInt32LE(at + 24),
      offset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return { entries, cdOffset, eocd };
}
/** A local header for a stored entry without a data descriptor, and its data. */
function storedLocal(name: string, data: Buffer): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt32LE(crc32(data), 14);
  h.writeUInt32LE(data.length, 18);
  h.writeUInt32LE(data.length, 22);
  h.writeUInt16LE(Buffer.byteLength(name), 26);
  return Buffer.concat([h, Buffer.from(name), data]);
}
/** A zip written by hand: each entry stored or deflated (raw: already deflated, with its real size and CRC). */
function handZip(entries: { name: string; data?: Buffer; raw?: { deflated: Buffer; size: number; crc: number; declared?: number } }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const method = e.raw ? 8 : 0;
    const body = e.raw ? e.raw.deflated : e.data!;
    const size = e.raw ? (e.raw.declared ?? e.raw.size) : body.length;
    const crc = e.raw ? e.raw.crc : crc32(body);
    const l = Buffer.alloc(30);
    l.writeUInt32LE(0x04034b50, 0);
    l.writeUInt16LE(20, 4);
    l.writeUInt16LE(method, 8);
    l.writeUInt32LE(crc, 14);
    l.writeUInt32LE(body.length, 18);
    l.writeUInt32LE(size, 22);
    l.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(l, name, body);
    centrals.push(c, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
/** The package's entries, changed by `edit`, with the manifest edited to match, zipped again (soundly). */
function rezip(pkg: string, edit: (files: Record<string, Uint8Array>) => void): string {
  const files = unzipSync(readFileSync(pkg));
  edit(files);
  const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as { files: { path: string; sha256: string; size: number }[] };
  manifest.files = Object.keys(files)
    .filter((k) => k !== 'manifest.json')
    .map((path) => ({ path, sha256: sha256(files[path]!), size: files[path]!.length }));
  files['manifest.json'] = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
  const out = file('forged.zip');
  writeFileSync(out, zipSync(files));
  return out;
}
const text = (b: Uint8Array | undefined): string => Buffer.from(b!).toString('utf8');

// ---- the tests --------------------------------------------------------------------------

let honest: string;
before(async () => {
  honest = await packageWith([Buffer.alloc(4096, 1), Buffer.from('第二个证据')], { text: '你再不还钱我们就爆你通讯录' });
});

describe('verify-package: honest packages', () => {
  it('says intact to a package dunguard wrote, as unzip and Python do', async () => {
    const v = await verifyPackage(honest);
    assert.deepEqual(v.problems, []);
    assert.equal(v.ok, true);
    assert.equal(v.format, 'dunguard-evidence-package/2');
    assert.ok(v.audit_head && v.audit_head.seq > 0);
    assertAgree(honest, []);
  });

  it('says intact whatever the evidence bytes contain: zips, local-header signatures, random bytes', async () => {
    const chatZip = Buffer.from(zipSync({ 'c.txt': Buffer.from('hi\n'), 'word/document.xml': Buffer.from('<w:document/>') }));
    const pkg = await packageWith([chatZip, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 0), Buffer.from('PK\x01\x02PK\x05\x06PK\x07\x08')])]);
    assert.deepEqual(await codesOf(pkg), []);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 3000 }),
            fc.tuple(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 })).map(([a, b]) => Buffer.concat([a, Buffer.from('PK\x03\x04\x14\x00\x08\x00'), b, Buffer.from('PK\x07\x08')])),
            fc.dictionary(fc.stringMatching(/^[a-z]{1,8}\.txt$/), fc.uint8Array({ maxLength: 300 }), { maxKeys: 3 }).map((d) => Buffer.from(zipSync(d))),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        async (evidence) => {
          const p = await packageWith(evidence.map((b) => Buffer.from(b)));
          assert.deepEqual(await codesOf(p), []);
        },
      ),
      { numRuns: 12 },
    );
  });
  it('reads ZIP64 end records and extra fields (the package rewritten by Python with ZIP64 forced)', { skip: !hasPython && 'python3 not available' }, async () => {
    const out = file('zip64.zip');
    const py = spawnSync('python3', [
      '-c',
      'import zipfile,sys\nzipfile.ZIP_FILECOUNT_LIMIT=1\nsrc=zipfile.ZipFile(sys.argv[1])\nwith zipfile.ZipFile(sys.argv[2],"w",zipfile.ZIP_DEFLATED) as z:\n  for n in src.namelist():\n    with z.open(n,"w",force_zip64=True) as f: f.write(src.read(n))',
      honest,
      out,
    ]);
    assert.equal(py.status, 0, py.stderr.toString());
    assert.deepEqual(await codesOf(out), []);
  });
});

describe('verify-package: attacks (issue 10)', () => {
  it('refuses a central directory that points at a forged entry hidden in an evidence file, which unzip extracts', async () => {
    const real = unzipSync(readFileSync(honest));
    const forgedEvents = Buffer.from(text(real['events.json']).replace('你再不还钱我们就爆你通讯录', '您好，请按时还款'));
    // The forged entry travels as evidence: a stored, honest evidence file whose bytes are a local header and data.
    const hidden = storedLocal('events.json', forgedEvents);
    const pkg = await packageWith([hidden], { text: '你再不还钱我们就爆你通讯录' });
    const buf = readFileSync(pkg);
    const cd = centralDirectory(buf);
    const ev = cd.entries.find((e) => e.name === `evidence/${sha256(hidden)}`)!;
    const target = cd.entries.find((e) => e.name === 'events.json')!;
    const dataStart = ev.offset + 30 + buf.readUInt16LE(ev.offset + 26) + buf.readUInt16LE(ev.offset + 28);
    // Point events.json's central record at the hidden local header: stored, no descriptor, the forgery's CRC and size.
    buf.writeUInt16LE(0, target.at + 8);
    buf.writeUInt16LE(0, target.at + 10);
    buf.writeUInt32LE(crc32(forgedEvents), target.at + 16);
    buf.writeUInt32LE(forgedEvents.length, target.at + 20);
    buf.writeUInt32LE(forgedEvents.length, target.at + 24);
    buf.writeUInt32LE(dataStart, target.at + 42);
    const forged = file('hidden.zip');
    writeFileSync(forged, buf);
    const codes = await codesOf(forged);
    assert.ok(codes.includes('ZIP_OVERLAP'), codes.join(','));
    assert.ok(codes.includes('ZIP_GAP'), codes.join(','));
    // Debian's unzip detects overlapping entries (its zip-bomb patch) and refuses too.
    if (hasUnzip) assert.equal(othersSay(forged).unzip, false);
    // Python's zipfile before 3.11.8/3.12.2 has no such check: it reads the forgery, which is the point.
    if (hasPython) {
      const py = spawnSync('python3', ['-c', 'import zipfile,sys\nprint(zipfile.ZipFile(sys.argv[1]).read("events.json").decode())', forged]);
      if (py.status === 0) assert.match(py.stdout.toString('utf8'), /请按时还款/);
    }
  });

  it('refuses a central directory that drops an entry for a forged one in bytes no entry explains, which unzip reads', async () => {
    const buf = readFileSync(honest);
    const cd = centralDirectory(buf);
    const real = unzipSync(buf);
    const forgedEvents = Buffer.from(text(real['events.json']).replace('你再不还钱我们就爆你通讯录', '您好，请按时还款'));
    const hidden = storedLocal('events.json', forgedEvents);
    const central = Buffer.from(buf.subarray(cd.cdOffset, cd.eocd));
    const end = Buffer.from(buf.subarray(cd.eocd));
    const target = cd.entries.find((e) => e.name === 'events.json')!;
    const at = target.at - cd.cdOffset;
    central.writeUInt16LE(0, at + 8);
    central.writeUInt16LE(0, at + 10);
    central.writeUInt32LE(crc32(forgedEvents), at + 16);
    central.writeUInt32LE(forgedEvents.length, at + 20);
    central.writeUInt32LE(forgedEvents.length, at + 24);
    central.writeUInt32LE(cd.cdOffset, at + 42);
    end.writeUInt32LE(cd.cdOffset + hidden.length, 16);
    const forged = file('orphan.zip');
    writeFileSync(forged, Buffer.concat([buf.subarray(0, cd.cdOffset), hidden, central, end]));
    if (hasUnzip) {
      assert.equal(spawnSync('/usr/bin/unzip', ['-tqq', forged]).status, 0, 'unzip -t finds nothing wrong');
      assert.match(spawnSync('/usr/bin/unzip', ['-p', forged, 'events.json']).stdout.toString('utf8'), /请按时还款/, 'unzip extracts the forgery');
    }
    const codes = await codesOf(forged);
    assert.ok(codes.includes('ZIP_GAP'), codes.join(','));
  });

  it('refuses bytes no entry explains, before, between and after entries', async () => {
    const buf = readFileSync(honest);
    const { cdOffset } = centralDirectory(buf);
    // Junk at the start: every offset shifted so the entries still read (as zip tools allow for prefixes).
    const pre = file('prefix.zip');
    const prefixed = Buffer.concat([Buffer.from('junk'), buf]);
    const c = centralDirectory(prefixed.subarray(4));
    for (const e of c.entries) prefixed.writeUInt32LE(e.offset + 4, 4 + e.at + 42);
    prefixed.writeUInt32LE(cdOffset + 4, prefixed.length - 22 + 16);
    writeFileSync(pre, prefixed);
    assert.ok((await codesOf(pre)).includes('ZIP_GAP'));
    // Bytes after the end record: a comment that is not declared.
    const post = file('trailing.zip');
    writeFileSync(post, Buffer.concat([buf, Buffer.from('PK\x05\x06 trailing')]));
    const codes = await codesOf(post);
    assert.ok(codes.includes('ZIP_NO_END'), codes.join(','));
    // A declared archive comment.
    const com = Buffer.concat([buf, Buffer.from('hello')]);
    com.writeUInt16LE(5, buf.length - 22 + 20);
    const commented = file('comment.zip');
    writeFileSync(commented, com);
    assert.ok((await codesOf(commented)).includes('ZIP_COMMENT'));
  });

  it('refuses a local header that disagrees with the central directory', async () => {
    const buf = readFileSync(honest);
    const cd = centralDirectory(buf);
    const e = cd.entries.find((x) => x.name === 'report.json')!;
    buf.write('X', e.offset + 30); // the local name's first letter
    const bad = file('local-name.zip');
    writeFileSync(bad, buf);
    const codes = await codesOf(bad);
    assert.ok(codes.includes('ZIP_LOCAL_MISMATCH'), codes.join(','));
    assertAgree(bad, codes);
  });

  it('refuses removed or replaced evidence with the manifest edited to match', async () => {
    const evName = (files: Record<string, Uint8Array>): string => Object.keys(files).find((k) => k.startsWith('evidence/'))!;
    const removed = rezip(honest, (f) => delete f[evName(f)]);
    let codes = await codesOf(removed);
    assert.ok(codes.includes('EVIDENCE_MISSING'), codes.join(','));
    assertAgree(removed, codes);
    const replaced = rezip(honest, (f) => {
      const fake = Buffer.from('forged recording');
      delete f[evName(f)];
      f[`evidence/${sha256(fake)}`] = fake;
    });
    codes = await codesOf(replaced);
    assert.ok(codes.includes('EVIDENCE_MISSING') && codes.includes('EVIDENCE_UNLISTED'), codes.join(','));
    // …and evidence.json edited to match as well: the chain refuses the record.
    const rewritten = rezip(honest, (f) => {
      const name = evName(f);
      const old = name.slice(9);
      const fake = Buffer.from('forged recording');
      const nsha = sha256(fake);
      delete f[name];
      f[`evidence/${nsha}`] = fake;
      for (const k of ['evidence.json', 'events.json']) f[k] = Buffer.from(text(f[k]).replaceAll(old, nsha).replace(/"size": 4096/, `"size": ${fake.length}`));
      f['events.csv'] = Buffer.from(text(f['events.csv']).replaceAll(old, nsha));
    });
    codes = await codesOf(rewritten);
    assert.ok(codes.some((c) => c.startsWith('RECORD_')), codes.join(','));
    assertAgree(rewritten, codes);
  });

  it('refuses a forged events.csv, report.html or report.json with the manifest edited to match', async () => {
    for (const [name, change, code] of [
      ['events.csv', (s: string) => s.replace('17012345678', '13800000000'), 'CSV_DIFFERS'],
      ['report.html', (s: string) => s.replace('<h1>', '<h1>无骚扰 '), 'REPORT_DIFFERS'],
      ['report.json', (s: string) => s.replace(/"events": \d+/, '"events": 0'), 'REPORT_DIFFERS'],
    ] as const) {
      const forged = rezip(honest, (f) => (f[name] = Buffer.from(change(text(f[name])))));
      const codes = await codesOf(forged);
      assert.deepEqual(codes, [code], name);
      assertAgree(forged, codes);
    }
  });

  it('a report made by another version (its rule data named in the manifest differs) is a note, not a failure: the rest is verified, the report is said not to be', async () => {
    const otherVersion = (f: Record<string, Uint8Array>): void => {
      const m = JSON.parse(text(f['manifest.json'])) as { report: { rules_sha256: string }; generator?: string };
      m.report.rules_sha256 = 'a'.repeat(64);
      m.generator = 'dunguard 0.0.9';
      f['manifest.json'] = Buffer.from(JSON.stringify(m, null, 2) + '\n');
    };
    // The same report, another version named: nothing to note.
    const same = await verifyPackage(rezip(honest, otherVersion));
    assert.deepEqual([same.ok, same.problems, same.notes], [true, [], []]);
    // A report that differs, made by another version: intact, with a note that says what was not checked.
    const older = rezip(honest, (f) => {
      otherVersion(f);
      f['report.json'] = Buffer.from(text(f['report.json']).replace(/"events": \d+/, '"events": 0'));
    });
    const v = await verifyPackage(older);
    assert.equal(v.ok, true, JSON.stringify(v.problems));
    assert.deepEqual(v.notes.map((n) => n.code), ['REPORT_OTHER_VERSION']);
    assert.match(v.notes[0]!.zh, /另一版本的 dunguard（dunguard 0\.0\.9）.*报告里的结论没有经过这一版核实/);
    const cli = spawnSync(process.execPath, ['--import', 'tsx', join(packageRoot(), 'src', 'cli', 'main.ts'), 'verify-package', older], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /证据包完好/);
    assert.doesNotMatch(cli.stdout, /和报告都已核对/);
    assert.match(cli.stdout, /说明：\n {2}- 报告（report\.json）是用另一版本/);
    // Events altered as well: still refused, whatever version the manifest names.
    const forged = rezip(older, (f) => (f['events.csv'] = Buffer.from(text(f['events.csv']).replace('17012345678', '13800000000'))));
    assert.deepEqual(await codesOf(forged), ['CSV_DIFFERS']);
  });

  it('refuses JSON another reader could read differently (a duplicate key)', async () => {
    const forged = rezip(honest, (f) => (f['evidence.json'] = Buffer.from(text(f['evidence.json']).replace('"name": ', '"name": "x",\n    "name": '))));
    const codes = await codesOf(forged);
    assert.ok(codes.includes('MEMBER_INVALID'), codes.join(','));
  });

  it('refuses a zip cut short by 1 to 1,000 bytes, as unzip and Python do', async () => {
    const buf = readFileSync(honest);
    const cut = file('cut.zip');
    for (let k = 1; k <= 1000; k++) {
      writeFileSync(cut, buf.subarray(0, buf.length - k));
      const codes = await codesOf(cut);
      assert.ok(codes.length > 0 && !zipLevel(codes), `cut by ${k}: ${codes.join(',')}`);
      if (k % 97 === 1 || k === 22 || k === 1000) assertAgree(cut, codes);
    }
  });

  it('refuses a zip bomb JSON member with bounded memory', async () => {
    // events.json: 200 MB of spaces, deflated to a few hundred kB, deflated as a stream.
    const deflater = zlib.createDeflateRaw({ level: 9 });
    const parts: Buffer[] = [];
    deflater.on('data', (c: Buffer) => parts.push(c));
    const chunk = Buffer.alloc(1 << 20, 0x20);
    let crc = 0;
    for (let i = 0; i < 200; i++) {
      crc = crc32(chunk, crc);
      if (!deflater.write(chunk)) await new Promise((r) => deflater.once('drain', r));
    }
    // Wait for 'end' (every byte of output), not end()'s callback: that can come before the last chunk, and a
    // streamed events.json is inflated to its end (it used to be refused for its declared size alone).
    deflater.end();
    await new Promise((r) => deflater.once('end', r));
    const deflated = Buffer.concat(parts);
    const real = unzipSync(readFileSync(honest));
    const others = Object.entries(real).filter(([k]) => k !== 'events.json').map(([name, data]) => ({ name, data: Buffer.from(data) }));
    const limit = 16 * 1024 * 1024;
    for (const declared of [200 << 20, 1000]) {
      const bomb = file('bomb.zip');
      writeFileSync(bomb, handZip([{ name: 'events.json', raw: { deflated, size: 200 << 20, crc, declared } }, ...others]));
      global.gc?.();
      const before = process.memoryUsage().rss;
      const codes = await codesOf(bomb, { memberLimit: limit });
      const grew = process.memoryUsage().rss - before;
      assert.ok(codes.includes(declared > limit ? 'MEMBER_TOO_LARGE' : 'ZIP_DATA_BAD'), codes.join(','));
      assert.ok(grew < 100 * 1024 * 1024, `memory grew by ${grew} bytes`);
      // A header that lies about the size: Python's zipfile reads the declared 1,000 bytes and finds the CRC wrong,
      // as we do; `unzip -t` inflates to the end and checks only the CRC, so it is not asked here.
      if (declared === 1000 && hasPython) assert.equal(othersSay(bomb).python, false);
    }
  });
});

describe('verify-package: streamed members (issue 10, bounded memory)', () => {
  it('streams events.json and audit.jsonl: a package verifies with a member limit far below their size', async () => {
    const dataDir = file('home');
    for (let i = 0; i < 40; i++) await addEvent(dataDir, { kind: 'sms', text: `第${i}条：` + '您的借款已逾期，请登录App还款。'.repeat(40) });
    const pkg = file('many.zip');
    await runExport({ dataDir, json: true, out: pkg });
    const files = unzipSync(readFileSync(pkg));
    const held = Math.max(...['manifest.json', 'evidence.json', 'report.html'].map((k) => files[k]!.length));
    assert.ok(files['events.json']!.length > 4 * held && files['audit.jsonl']!.length > 4 * held, 'the streamed members are the large ones');
    assert.deepEqual(await codesOf(pkg, { memberLimit: held }), []);
    // One event longer than the limit is refused, as the whole member used to be.
    const big = Math.max(...text(files['events.json']).split('\n  {').map((s) => Buffer.byteLength(s)));
    assert.ok((await codesOf(pkg, { memberLimit: Math.floor(big / 2) })).includes('MEMBER_TOO_LARGE'));
    // A forged event in the stream is found, with its field named.
    const forged = rezip(pkg, (f) => (f['events.json'] = Buffer.from(text(f['events.json']).replace('第7条', '第8条'))));
    const v = await verifyPackage(forged, { memberLimit: held });
    // ... named for a person in both languages: no column names or English in the Chinese line.
    assert.ok(v.problems.some((q) => q.code === 'RECORD_ROW_CHANGED' && /changed: text/.test(q.en) && /改动的内容：内容/.test(q.zh) && !/[a-z]{3,}/i.test(q.zh.replace(/[0-9a-f-]{36}/g, ''))), JSON.stringify(v.problems));
    assert.ok(v.problems.some((q) => q.code === 'CSV_DIFFERS'));
  });

  it('refuses events.json and audit.jsonl in any other form: valid JSON another layout, duplicate keys, no final newline', async () => {
    const cases: [string, (s: string) => string][] = [
      ['events.json', (s) => JSON.stringify(JSON.parse(s)) + '\n'],
      ['events.json', (s) => JSON.stringify(JSON.parse(s), null, 4) + '\n'],
      ['events.json', (s) => s.replace('"kind": ', '"kind": "x",\n    "kind": ')],
      ['events.json', (s) => s.slice(0, -1)],
      ['events.json', (s) => s + '\n'],
      ['events.json', (s) => s.replace('\n]\n', '\n]\n[]\n')],
      ['events.json', (s) => s.replace('\n  {', '\n  {}, {')],
      ['audit.jsonl', (s) => s.replace('{"seq":1,', '{"seq":1, ')],
      ['audit.jsonl', (s) => s.replace('{"seq":1,', '{"seq":7,"seq":1,')],
      ['audit.jsonl', (s) => s.slice(0, -1)],
      ['audit.jsonl', (s) => s + '\n'],
      ['audit.jsonl', (s) => '\n' + s],
      ['audit.jsonl', () => ''],
    ];
    for (const [name, change] of cases) {
      const forged = rezip(honest, (f) => (f[name] = Buffer.from(change(text(f[name])))));
      const codes = await codesOf(forged);
      assert.ok(codes.includes('MEMBER_INVALID'), `${name} ${change.toString()}: ${codes.join(',')}`);
    }
    // Not in the streamed layout and over the limit: refused, not held.
    const compact = rezip(honest, (f) => (f['events.json'] = Buffer.from(JSON.stringify(JSON.parse(text(f['events.json']))) + '\n')));
    const size = unzipSync(readFileSync(compact))['events.json']!.length;
    const manifest = unzipSync(readFileSync(compact))['manifest.json']!.length;
    if (size > manifest * 2) assert.ok((await codesOf(compact, { memberLimit: Math.floor(size / 2) })).includes('MEMBER_TOO_LARGE'));
  });
});

describe('verify-package: the command', () => {
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(packageRoot(), 'src', 'cli', 'main.ts'), 'verify-package', ...args], { cwd: packageRoot(), env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
  };

  it('exit 4 with a clear message for a malformed manifest, a truncated zip and a file that is not a zip; never an internal error', () => {
    const malformed = rezip(honest, () => undefined);
    const files = unzipSync(readFileSync(malformed));
    files['manifest.json'] = Buffer.from('{"files": 3, "audit_head": "x"}');
    writeFileSync(malformed, zipSync(files));
    let r = cli([malformed]);
    assert.equal(r.code, 4, r.err);
    assert.match(r.out, /manifest\.json 的格式不对/);
    assert.doesNotMatch(r.out, /MANIFEST_INVALID/); // codes only with --verbose or --json
    assert.match(cli([malformed, '--verbose']).out, /\[MANIFEST_INVALID\]/);
    files['manifest.json'] = Buffer.from('not json');
    writeFileSync(malformed, zipSync(files));
    r = cli([malformed, '--lang', 'en']);
    assert.equal(r.code, 4, r.err);
    assert.match(r.out, /manifest\.json is not valid JSON/);
    const cut = file('cut.zip');
    writeFileSync(cut, readFileSync(honest).subarray(0, 500));
    r = cli([cut]);
    assert.equal(r.code, 4, r.err);
    assert.match(r.out, /被截断/);
    const notZip = file('random.zip');
    writeFileSync(notZip, Buffer.from('hello, this is not a zip file at all'));
    r = cli([notZip, '--json']);
    assert.equal(r.code, 4, r.err);
    const j = JSON.parse(r.out) as { ok: boolean; problems: { code: string; zh: string; en: string }[] };
    assert.equal(j.ok, false);
    assert.equal(j.problems[0]!.code, 'ZIP_NO_END');
    assert.match(j.problems[0]!.en, /cut short|not a zip/);
    assert.doesNotMatch(r.err, /internal error/);
    r = cli([join(tmp, 'no-such.zip')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /文件不存在/);
  });

  it('says intact in Chinese by default and prints the audit head to compare', () => {
    const r = cli([honest]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^证据包完好/);
    assert.match(r.out, /审计链末端：第 \d+ 条，指纹 [0-9a-f]{64}/);
  });
});
