/**
 * The Chinese font of the offline app's PDFs, made at build time from the font the command line
 * uses (src/act/pdf.ts findCjkFont: Debian's fonts-noto-cjk, Noto Sans CJK SC, or
 * DUNGUARD_CJK_FONT): one face of the collection, cut down with HarfBuzz's subsetter
 * (harfbuzzjs, WebAssembly) to the characters a letter or report can hold — every character of
 * GB 2312 (6,763 hanzi, the symbols and full-width forms), ASCII, CJK and general punctuation, and
 * every character of the shipped data and of the program's own texts — with the vertical and
 * OpenType layout tables left out (the PDFs are horizontal). About 1.8 MB, 1.6 MB gzip, instead
 * of 19 MB. The PDF itself embeds only the glyphs it uses (pdfkit subsets again).
 *
 * A character outside this set cannot be drawn by the app: the app refuses such a PDF with a
 * clear message (src/act/pdf-doc.ts missingGlyphs) rather than printing boxes.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { findCjkFont } from '../src/act/pdf.js';

/** Table tags not kept: vertical metrics and OpenType layout. */
const DROP = ['GSUB', 'GPOS', 'vhea', 'vmtx', 'VORG', 'BASE'];

/** HarfBuzz's subsetter with room for a 19 MB font collection: its memory is fixed at 64 MiB in the package's build, raised here to 512 MiB. */
function subsetter(): WebAssembly.Exports & Record<string, (...a: number[]) => number> & { memory: WebAssembly.Memory } {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
  const x = new WebAssembly.Instance(new WebAssembly.Module(withMemoryPages(wasm, 8192)), {}).exports as ReturnType<typeof subsetter>;
  x._initialize!();
  return x;
}

const leb = (b: Uint8Array, i: number): [number, number] => {
  let r = 0;
  let s = 0;
  let c: number;
  do {
    c = b[i++]!;
    r |= (c & 0x7f) << s;
    s += 7;
  } while (c & 0x80);
  return [r >>> 0, i];
};
const uleb = (n: number): number[] => {
  const o: number[] = [];
  do {
    let c = n & 0x7f;
    n >>>= 7;
    if (n) c |= 0x80;
    o.push(c);
  } while (n);
  return o;
};

/** The module with its one memory's initial (and maximum) size set to `pages` of 64 KiB: the memory section rewritten, nothing else. */
function withMemoryPages(b: Uint8Array, pages: number): Uint8Array {
  let i = 8; // magic and version
  while (i < b.length) {
    const id = b[i]!;
    const [size, start] = leb(b, i + 1);
    if (id === 5) {
      const [count, k] = leb(b, start);
      if (count !== 1) break;
      const flags = b[k]!;
      const body = [...uleb(1), flags, ...uleb(pages), ...(flags & 1 ? uleb(pages) : [])];
      return new Uint8Array([...b.subarray(0, i), 5, ...uleb(body.length), ...body, ...b.subarray(start + size)]);
    }
    i = start + size;
  }
  throw new Error('harfbuzz-subset.wasm: no single memory section found');
}

/** The characters kept (code points). */
function characters(root: string): Set<number> {
  const keep = new Set<number>();
  const add = (text: string): void => {
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c >= 0x20 && !(c >= 0xd800 && c <= 0xdfff)) keep.add(c);
    }
  };
  const gb = new TextDecoder('gb18030');
  for (let a = 0xa1; a <= 0xf7; a++) {
    for (let b = 0xa1; b <= 0xfe; b++) {
      const s = gb.decode(new Uint8Array([a, b]));
      if (s.length === 1 && s !== '\ufffd') add(s);
    }
  }
  for (const [from, to] of [
    [0x20, 0x7e],
    [0xa0, 0xff],
    [0x2010, 0x2027],
    [0x2030, 0x203a],
    [0x2190, 0x2193],
    [0x3000, 0x303f],
    [0xff01, 0xff5e],
  ] as const) {
    for (let c = from; c <= to; c++) keep.add(c);
  }
  // The shipped data (letters, law, labels) and the program's own words.
  const bundle = join(root, 'dist', 'data', 'bundle.json');
  if (existsSync(bundle)) add(readFileSync(bundle, 'utf8'));
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name)) add(readFileSync(join(dir, e.name), 'utf8'));
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'web', 'src'));
  return keep;
}

/** The subset font (OpenType), or undefined when the machine has no Chinese font (the app is then built without PDFs). */
export function appPdfFont(root: string): { bytes: Uint8Array; characters: number; source: string } | undefined {
  let found: { path: string; face?: string };
  try {
    found = findCjkFont();
  } catch {
    return undefined;
  }
  let index = 0;
  const opened = fontkit.openSync(found.path) as unknown as { fonts?: { postscriptName: string }[] };
  if (opened.fonts !== undefined) {
    index = found.face === undefined ? 0 : opened.fonts.findIndex((f) => f.postscriptName === found.face);
    if (index < 0) throw new Error(`${found.path}: no face ${found.face}`);
  }
  const x = subsetter();
  const font = readFileSync(found.path);
  const at = x.malloc!(font.length);
  new Uint8Array(x.memory.buffer).set(font, at);
  const blob = x.hb_blob_create!(at, font.length, 1 /* read-only */, 0, 0);
  const face = x.hb_face_create!(blob, index);
  const input = x.hb_subset_input_create_or_fail!();
  const keep = characters(root);
  const unicodes = x.hb_subset_input_unicode_set!(input);
  for (const c of keep) x.hb_set_add!(unicodes, c);
  const dropped = x.hb_subset_input_set!(input, 3 /* HB_SUBSET_SETS_DROP_TABLE_TAG */);
  for (const t of DROP) x.hb_set_add!(dropped, ((t.charCodeAt(0) << 24) | (t.charCodeAt(1) << 16) | (t.charCodeAt(2) << 8) | t.charCodeAt(3)) >>> 0);
  const subset = x.hb_subset_or_fail!(face, input);
  if (subset === 0) throw new Error(`${found.path}: HarfBuzz could not subset the font`);
  const out = x.hb_face_reference_blob!(subset);
  const data = x.hb_blob_get_data!(out, 0);
  const length = x.hb_blob_get_length!(out);
  if (length === 0) throw new Error(`${found.path}: the subset font is empty`);
  return { bytes: new Uint8Array(x.memory.buffer).slice(data, data + length), characters: keep.size, source: found.face ?? found.path };
}
