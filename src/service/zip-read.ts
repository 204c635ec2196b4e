/**
 * A strict zip reader for `verify-package`: the central directory is the truth (it is what
 * unzip, Python's zipfile and every archive tool read), and everything else in the file must
 * agree with it. Refused: a missing or cut-short end record or central directory, an archive
 * comment (it could hide a second archive), several disks, encryption, methods other than
 * stored and deflate, names that are not plain UTF-8/ASCII, unsafe names (zip-slip), duplicate
 * names, a local header that disagrees with its central entry (name, method, flags, CRC and
 * sizes, or the data descriptor's values), entries that overlap, and any byte that no entry
 * explains (before the first entry, between entries, between the last entry and the central
 * directory, inside the directory, after the end record). ZIP64 end records and extra fields
 * are read. Entry data is read by its central-directory offset with positional reads,
 * inflated as a stream with node:zlib, and checked against its CRC-32 and both sizes; a limit
 * stops inflating as soon as it is crossed, so a zip bomb cannot drive memory.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';

export interface ZipProblem {
  /** A stable code for scripts. */
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

export interface ZipEntry {
  readonly name: string;
  readonly method: 0 | 8;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  readonly dataStart: number;
  /** Just after the entry's data and its data descriptor, if any. */
  readonly end: number;
}

export interface ZipIndex {
  /** The entries that passed every structural check, in central-directory order. */
  readonly entries: ZipEntry[];
  readonly problems: ZipProblem[];
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_Z64_EOCD = 0x06064b50;
const SIG_Z64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;
const MAX_CENTRAL_DIRECTORY = 256 * 1024 * 1024;

const problem = (code: string, zh: string, en: string): ZipProblem => ({ code, zh, en });
const q = (s: string): string => JSON.stringify(s);

/** CRC-32 (zlib.crc32 from Node 20.15; a table otherwise). */
const crcTable = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();
export function crc32(data: Uint8Array, prev = 0): number {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(data, prev);
  let c = ~prev;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** An entry name that stays inside the package: relative, no "..", no drive, no backslash, no controls. */
export function safeEntryName(name: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters make a name unsafe
  if (name.length === 0 || name.length > 512 || /[\u0000-\u001f\u007f\\:]/.test(name) || name.startsWith('/')) return false;
  return name.split('/').every((part) => part !== '..' && part !== '.' && part !== '');
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

const u64 = (b: Buffer, at: number): number => {
  const v = b.readBigUInt64LE(at);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
};

/** The extra fields as id → data; undefined when they do not exactly fill their space. */
function extraFields(b: Buffer): Map<number, Buffer> | undefined {
  const out = new Map<number, Buffer>();
  let at = 0;
  while (at < b.length) {
    if (at + 4 > b.length) return undefined;
    const id = b.readUInt16LE(at);
    const len = b.readUInt16LE(at + 2);
    if (at + 4 + len > b.length || out.has(id)) return undefined;
    out.set(id, b.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return out;
}

/** Applies a ZIP64 extra field to the 32-bit values that say "see ZIP64" (0xFFFFFFFF), in the order the format fixes. */
function zip64Values(extra: Map<number, Buffer>, fields: { usize: number; csize: number; offset?: number }): { usize: number; csize: number; offset?: number; zip64: boolean } | undefined {
  const z = extra.get(0x0001);
  const want = [fields.usize === 0xffffffff, fields.csize === 0xffffffff, fields.offset === 0xffffffff];
  if (z === undefined) return want.some(Boolean) ? undefined : { ...fields, zip64: false };
  let at = 0;
  const next = (): number | undefined => {
    if (at + 8 > z.length) return undefined;
    const v = u64(z, at);
    at += 8;
    return v;
  };
  const usize = want[0] ? next() : fields.usize;
  const csize = want[1] ? next() : fields.csize;
  const offset = want[2] ? next() : fields.offset;
  if (usize === undefined || csize === undefined || (want[2] && offset === undefined)) return undefined;
  return { usize, csize, offset, zip64: true };
}

const decoder = new TextDecoder('utf-8', { fatal: true });
function entryName(bytes: Buffer, flags: number): string | undefined {
  if (flags & 0x0800) {
    try {
      return decoder.decode(bytes);
    } catch {
      return undefined;
    }
  }
  // Without the UTF-8 flag tools read the name as CP437 or the local code page: only ASCII means the same to all.
  return bytes.every((c) => c < 0x80) ? bytes.toString('latin1') : undefined;
}

interface EndRecord {
  cdOffset: number;
  cdSize: number;
  count: number;
  /** Where the central directory must end: the ZIP64 end record, or the end record. */
  cdEnd: number;
}

async function findEnd(fh: FileHandle, size: number, problems: ZipProblem[]): Promise<EndRecord | undefined> {
  const cannot = problem(
    'ZIP_NO_END',
    '找不到 zip 的结尾目录：文件被截断（不完整）或不是 zip 文件。',
    'No zip end record: the file was cut short (incomplete) or is not a zip file.',
  );
  if (size < 22) {
    problems.push(cannot);
    return undefined;
  }
  const tailLen = Math.min(size, 22 + 0xffff);
  const tail = await readAt(fh, size - tailLen, tailLen);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    problems.push(cannot);
    return undefined;
  }
  const eocdPos = size - tailLen + at;
  const commentLen = tail.readUInt16LE(at + 20);
  if (commentLen > 0) {
    problems.push(problem('ZIP_COMMENT', `zip 末尾带有 ${commentLen} 字节的注释：dunguard 从不写注释，注释里可能藏着数据。`, `The zip ends with a ${commentLen}-byte comment: dunguard never writes one, and a comment can hide data.`));
  }
  const disk = tail.readUInt16LE(at + 4);
  const cdDisk = tail.readUInt16LE(at + 6);
  const countDisk = tail.readUInt16LE(at + 8);
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  let cdEnd = eocdPos;
  const multi = problem('ZIP_MULTIDISK', '这是分卷 zip：证据包只有一个文件。', 'This is a multi-part zip: a package is one file.');
  if (disk !== 0 || cdDisk !== 0 || countDisk !== count) {
    problems.push(multi);
    return undefined;
  }
  const hasLocator = eocdPos >= 20 && (await readAt(fh, eocdPos - 20, 4)).readUInt32LE(0) === SIG_Z64_LOCATOR;
  if (hasLocator || count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const bad = problem('ZIP64_BAD', 'ZIP64 结尾记录缺失或损坏。', 'The ZIP64 end record is missing or damaged.');
    if (!hasLocator) {
      problems.push(bad);
      return undefined;
    }
    const loc = await readAt(fh, eocdPos - 20, 20);
    const recPos = u64(loc, 8);
    if (loc.readUInt32LE(4) !== 0 || loc.readUInt32LE(16) !== 1) {
      problems.push(multi);
      return undefined;
    }
    const rec = recPos + 56 <= eocdPos - 20 ? await readAt(fh, recPos, 56) : Buffer.alloc(0);
    if (rec.length < 56 || rec.readUInt32LE(0) !== SIG_Z64_EOCD || recPos + 12 + u64(rec, 4) !== eocdPos - 20) {
      problems.push(bad);
      return undefined;
    }
    if (rec.readUInt32LE(16) !== 0 || rec.readUInt32LE(20) !== 0 || u64(rec, 24) !== u64(rec, 32)) {
      problems.push(multi);
      return undefined;
    }
    const c64 = u64(rec, 32);
    const s64 = u64(rec, 40);
    const o64 = u64(rec, 48);
    if ((count !== 0xffff && count !== c64) || (cdSize !== 0xffffffff && cdSize !== s64) || (cdOffset !== 0xffffffff && cdOffset !== o64)) {
      problems.push(bad);
      return undefined;
    }
    count = c64;
    cdSize = s64;
    cdOffset = o64;
    cdEnd = recPos;
  }
  if (cdOffset + cdSize !== cdEnd) {
    problems.push(
      cdOffset + cdSize > cdEnd
        ? problem('ZIP_CD_BAD', '中央目录的位置或大小与文件不符：文件被截断或被改动。', 'The central directory’s offset or size does not fit the file: it was cut short or altered.')
        : problem('ZIP_GAP', `中央目录之后有 ${cdEnd - cdOffset - cdSize} 字节无法解释的数据。`, `${cdEnd - cdOffset - cdSize} unexplained bytes after the central directory.`),
    );
    return undefined;
  }
  if (cdSize > MAX_CENTRAL_DIRECTORY) {
    problems.push(problem('ZIP_CD_BAD', '中央目录过大。', 'The central directory is too large.'));
    return undefined;
  }
  return { cdOffset, cdSize, count, cdEnd };
}

/** Reads and checks the structure: end record, central directory, every local header and data descriptor, the layout. */
export async function readZipIndex(fh: FileHandle, size: number): Promise<ZipIndex> {
  const problems: ZipProblem[] = [];
  const end = await findEnd(fh, size, problems);
  if (end === undefined) return { entries: [], problems };
  const cd = await readAt(fh, end.cdOffset, end.cdSize);
  const cdBad = (why: string, whyEn: string): ZipIndex => {
    problems.push(problem('ZIP_CD_BAD', `中央目录损坏：${why}`, `The central directory is damaged: ${whyEn}`));
    return { entries: [], problems };
  };
  if (cd.length !== end.cdSize) return cdBad('被截断', 'cut short');
  const entries: ZipEntry[] = [];
  const spans: { name: string; start: number; end: number }[] = [];
  const names = new Set<string>();
  let pos = 0;
  let skipped = 0;
  for (let k = 0; k < end.count; k++) {
    if (pos + 46 > cd.length || cd.readUInt32LE(pos) !== SIG_CENTRAL) return cdBad(`第 ${k + 1} 项不完整`, `entry ${k + 1} is incomplete`);
    const flags = cd.readUInt16LE(pos + 8);
    const method = cd.readUInt16LE(pos + 10);
    const crc = cd.readUInt32LE(pos + 16);
    const nameLen = cd.readUInt16LE(pos + 28);
    const extraLen = cd.readUInt16LE(pos + 30);
    const commentLen = cd.readUInt16LE(pos + 32);
    const diskStart = cd.readUInt16LE(pos + 34);
    if (pos + 46 + nameLen + extraLen + commentLen > cd.length) return cdBad(`第 ${k + 1} 项超出目录`, `entry ${k + 1} runs past the directory`);
    const nameBytes = cd.subarray(pos + 46, pos + 46 + nameLen);
    const extra = extraFields(cd.subarray(pos + 46 + nameLen, pos + 46 + nameLen + extraLen));
    const sizes = extra && zip64Values(extra, { usize: cd.readUInt32LE(pos + 24), csize: cd.readUInt32LE(pos + 20), offset: cd.readUInt32LE(pos + 42) });
    pos += 46 + nameLen + extraLen + commentLen;
    const name = entryName(nameBytes, flags);
    const shown = name ?? nameBytes.toString('hex');
    if (sizes === undefined) return cdBad(`${q(shown)} 的附加字段无效`, `the extra fields of ${q(shown)} are invalid`);
    if (name === undefined) {
      problems.push(problem('ZIP_NAME_ENCODING', `条目名不是有效的 UTF-8/ASCII（${shown}）：不同工具会读成不同的名字。`, `An entry name is not valid UTF-8/ASCII (${shown}): tools would read it as different names.`));
      skipped++;
      continue;
    }
    if (!safeEntryName(name)) {
      problems.push(problem('ZIP_NAME_UNSAFE', `不安全的条目名 ${q(name)}：它试图写到包所在文件夹之外（zip-slip），已拒绝。`, `unsafe entry name ${q(name)}: the package tries to write outside its folder (zip-slip); refused`));
      skipped++;
      continue;
    }
    if (names.has(name)) {
      problems.push(problem('ZIP_NAME_DUPLICATE', `条目 ${name} 出现了两次：不同工具会取不同的那一个。`, `entry ${name} appears twice: different tools would pick different copies`));
      skipped++;
      continue;
    }
    names.add(name);
    if (commentLen > 0) problems.push(problem('ZIP_COMMENT', `条目 ${name} 带有注释：dunguard 从不写注释。`, `Entry ${name} has a comment: dunguard never writes one.`));
    if (diskStart !== 0) return cdBad(`${name} 在另一个分卷`, `${name} is on another disk`);
    if (flags & 0x0061 || (method !== 0 && method !== 8)) {
      problems.push(problem('ZIP_UNSUPPORTED', `条目 ${name} 加密或使用了 dunguard 不写的压缩方式（${method}）。`, `Entry ${name} is encrypted or uses a compression method dunguard never writes (${method}).`));
      skipped++;
      continue;
    }
    if (method === 0 && sizes.csize !== sizes.usize) return cdBad(`${name} 未压缩但两个大小不同`, `${name} is stored but its two sizes differ`);
    const offset = sizes.offset!;
    const mismatch = (what: string, whatEn: string): void => {
      problems.push(problem('ZIP_LOCAL_MISMATCH', `条目 ${name} 的本地文件头与中央目录不一致（${what}）：不同工具会读到不同的内容。`, `Entry ${name}: the local header disagrees with the central directory (${whatEn}); tools would read different data.`));
    };
    if (offset + 30 > end.cdOffset) {
      mismatch('位置超出数据区', 'offset outside the data area');
      skipped++;
      continue;
    }
    const lh = await readAt(fh, offset, 30);
    if (lh.length < 30 || lh.readUInt32LE(0) !== SIG_LOCAL) {
      mismatch('该位置没有本地文件头', 'no local header at its offset');
      skipped++;
      continue;
    }
    const lNameLen = lh.readUInt16LE(26);
    const lExtraLen = lh.readUInt16LE(28);
    const dataStart = offset + 30 + lNameLen + lExtraLen;
    if (dataStart > end.cdOffset) {
      mismatch('本地文件头超出数据区', 'local header runs past the data area');
      skipped++;
      continue;
    }
    const lRest = await readAt(fh, offset + 30, lNameLen + lExtraLen);
    if (!lRest.subarray(0, lNameLen).equals(nameBytes)) {
      mismatch('名字', 'name');
      skipped++;
      continue;
    }
    if (lh.readUInt16LE(6) !== flags || lh.readUInt16LE(8) !== method) {
      mismatch('标志或压缩方式', 'flags or method');
      skipped++;
      continue;
    }
    const lExtra = extraFields(lRest.subarray(lNameLen));
    const lSizes = lExtra && zip64Values(lExtra, { usize: lh.readUInt32LE(22), csize: lh.readUInt32LE(18) });
    if (lSizes === undefined) {
      mismatch('附加字段', 'extra fields');
      skipped++;
      continue;
    }
    const lCrc = lh.readUInt32LE(14);
    const deferred = (flags & 0x0008) !== 0;
    const agrees = (v: number, want: number): boolean => v === want || (deferred && v === 0);
    if (!agrees(lCrc, crc) || !agrees(lSizes.csize, sizes.csize) || !agrees(lSizes.usize, sizes.usize)) {
      mismatch('CRC 或大小', 'CRC or sizes');
      skipped++;
      continue;
    }
    const dataEnd = dataStart + sizes.csize;
    let entryEnd = dataEnd;
    if (dataEnd > end.cdOffset) {
      mismatch('数据超出数据区', 'data runs past the data area');
      skipped++;
      continue;
    }
    if (deferred) {
      // The data descriptor: an optional signature, then CRC and the two sizes (8 bytes each for ZIP64).
      const wide = lSizes.zip64 || sizes.zip64;
      const len = wide ? 20 : 12;
      const dd = await readAt(fh, dataEnd, 4 + len);
      const matches = (at: number): boolean =>
        dd.length >= at + len &&
        dd.readUInt32LE(at) === crc &&
        (wide ? u64(dd, at + 4) === sizes.csize && u64(dd, at + 12) === sizes.usize : dd.readUInt32LE(at + 4) === sizes.csize && dd.readUInt32LE(at + 8) === sizes.usize);
      if (dd.length >= 4 && dd.readUInt32LE(0) === SIG_DESCRIPTOR && matches(4)) entryEnd = dataEnd + 4 + len;
      else if (matches(0)) entryEnd = dataEnd + len;
      else {
        problems.push(problem('ZIP_DESCRIPTOR_MISMATCH', `条目 ${name} 的数据描述符与中央目录不一致。`, `Entry ${name}: the data descriptor disagrees with the central directory.`));
        skipped++;
      continue;
      }
      if (entryEnd > end.cdOffset) {
        mismatch('数据描述符超出数据区', 'data descriptor runs past the data area');
        skipped++;
      continue;
      }
    }
    spans.push({ name, start: offset, end: entryEnd });
    entries.push({ name, method: method as 0 | 8, flags, crc32: crc, compressedSize: sizes.csize, size: sizes.usize, localOffset: offset, dataStart, end: entryEnd });
  }
  if (pos !== cd.length) return cdBad(`目录里有 ${cd.length - pos} 字节不属于任何条目`, `${cd.length - pos} bytes in the directory belong to no entry`);
  // The layout: entries back to back from byte 0 to the central directory; nothing overlaps, nothing is unexplained.
  // (Skipped when an entry was already refused: its bytes would show as a gap.)
  if (skipped > 0) return { entries, problems };
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  let at = 0;
  let prev: string | undefined;
  for (const s of spans) {
    if (s.start < at) {
      problems.push(problem('ZIP_OVERLAP', `条目 ${s.name} 与 ${prev} 的数据重叠：一个条目藏在另一个条目里。`, `Entry ${s.name} overlaps ${prev}: one entry is hidden inside another.`));
    } else if (s.start > at) {
      problems.push(problem('ZIP_GAP', `${prev ? `条目 ${prev} 之后` : '文件开头'}有 ${s.start - at} 字节无法解释的数据（在 ${s.name} 之前）。`, `${s.start - at} unexplained bytes ${prev ? `after entry ${prev}` : 'at the start of the file'} (before ${s.name}).`));
    }
    if (s.end >= at) prev = s.name;
    at = Math.max(at, s.end);
  }
  if (at < end.cdOffset) {
    problems.push(problem('ZIP_GAP', `中央目录之前有 ${end.cdOffset - at} 字节无法解释的数据（可能藏着别的条目）。`, `${end.cdOffset - at} unexplained bytes before the central directory (hidden entries, perhaps).`));
  }
  return { entries, problems };
}

class Stop extends Error {}

export interface EntryData {
  sha256: string;
  size: number;
  /** The inflated bytes, when asked for. */
  bytes?: Buffer;
  problem?: ZipProblem;
}

/**
 * Reads one entry's data by its central-directory offset, inflates it as a stream, and checks
 * its CRC-32 and sizes. `keep`: also return the bytes (only for entries whose declared size is
 * at most `limit`; inflating stops as soon as the output passes the declared size).
 * `onData`: a streamed member's chunks, for any declared size — the caller's parser bounds
 * what it keeps; the data is complete and sound only when no problem is returned.
 */
export async function readEntry(
  fh: FileHandle,
  e: ZipEntry,
  opts: {
    keep?: boolean;
    limit?: number;
    /** Given each inflated chunk, in order, as it is hashed (for a member parsed as a stream; memory stays flat). It must not throw. */
    onData?: (chunk: Buffer) => void;
  } = {},
): Promise<EntryData> {
  const hash = createHash('sha256');
  const kept: Buffer[] = [];
  const keep = opts.keep === true;
  if (keep && opts.limit !== undefined && e.size > opts.limit) {
    const mib = (n: number): string => (n / 1048576).toFixed(n < 1048576 ? 3 : 0);
    return {
      sha256: '',
      size: 0,
      problem: problem('MEMBER_TOO_LARGE', `${e.name} 解压后有 ${mib(e.size)} MiB，超过上限 ${mib(opts.limit)} MiB：未读取（可能是压缩炸弹）。`, `${e.name} inflates to ${mib(e.size)} MiB, over the ${mib(opts.limit)} MiB limit: not read (a zip bomb, perhaps).`),
    };
  }
  let size = 0;
  let crc = 0;
  async function* source(): AsyncGenerator<Buffer> {
    let pos = e.dataStart;
    let left = e.compressedSize;
    while (left > 0) {
      const n = Math.min(left, 1 << 20);
      const b = await readAt(fh, pos, n);
      if (b.length === 0) throw new Stop('short');
      yield b;
      pos += b.length;
      left -= b.length;
    }
  }
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > e.size) {
        done(new Stop('size'));
        return;
      }
      hash.update(chunk);
      crc = crc32(chunk, crc);
      if (keep) kept.push(chunk);
      opts.onData?.(chunk);
      done();
    },
  });
  const corrupt = (why: string, whyEn: string): EntryData => ({
    sha256: '',
    size,
    problem: problem('ZIP_DATA_BAD', `条目 ${e.name} 的数据损坏：${why}`, `Entry ${e.name}: its data is damaged: ${whyEn}`),
  });
  const inflater = e.method === 8 ? zlib.createInflateRaw() : undefined;
  try {
    if (inflater) await pipeline(Readable.from(source()), inflater, sink);
    else await pipeline(Readable.from(source()), sink);
  } catch (err) {
    if (err instanceof Stop && err.message === 'size') return corrupt(`解压后超过声明的 ${e.size} 字节`, `it inflates past its declared ${e.size} bytes`);
    return corrupt('无法解压', `it cannot be inflated (${(err as Error).message})`);
  }
  if (inflater && inflater.bytesWritten !== e.compressedSize) return corrupt('压缩数据之后还有多余的字节', 'bytes follow the end of its compressed data');
  if (size !== e.size) return corrupt(`解压后 ${size} 字节，声明 ${e.size} 字节`, `it inflates to ${size} bytes, ${e.size} declared`);
  if (crc !== e.crc32) return corrupt('CRC-32 校验值不符', 'its CRC-32 does not match');
  return { sha256: hash.digest('hex'), size, ...(keep ? { bytes: Buffer.concat(kept) } : {}) };
}
