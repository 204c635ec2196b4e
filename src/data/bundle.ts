/**
 * The data bundle: every data file, already validated, in one JSON file under dist/ with
 * the SHA-256 of each source. `npm run build` writes it; the CLI loads it instead of
 * parsing YAML and running the schemas on every start (cold start is a product target).
 * If any source file changed since the build, the bundle is ignored and the sources are
 * loaded and validated as usual — a stale bundle is never used.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from './bundle-format.js';

export type { Bundle };

export const BUNDLE_PATH = join('dist', 'data', 'bundle.json');

/** The data files a bundle is built from, relative to the root, in a stable order. */
export function sourceFiles(root: string): string[] {
  const dirs = ['data/rules', 'data/law', 'data/numbers', 'data/record', 'data/ledger', 'data/act', 'data/act/letters'];
  const out: string[] = [];
  for (const d of dirs) {
    for (const name of readdirSync(join(root, d)).sort()) if (name.endsWith('.yaml')) out.push(`${d}/${name}`);
  }
  return out;
}

export function hashSources(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of sourceFiles(root)) out[f] = createHash('sha256').update(readFileSync(join(root, f))).digest('hex');
  return out;
}

/** The SHA-256 of each bundle read from a file: the key of the engine's prebuilt tables (engine-tables.ts). */
const shaOf = new WeakMap<Bundle, string>();

/** The SHA-256 of the bundle file this bundle was read from, or undefined for one made from the sources. */
export function bundleSha(bundle: Bundle): string | undefined {
  return shaOf.get(bundle);
}

/** The bundle, if it exists and was built from exactly the current sources. */
export function readFreshBundle(root: string): Bundle | undefined {
  const path = join(root, BUNDLE_PATH);
  if (!existsSync(path)) return undefined;
  let bundle: Bundle;
  let sha: string;
  try {
    const bytes = readFileSync(path);
    sha = createHash('sha256').update(bytes).digest('hex');
    bundle = JSON.parse(bytes.toString('utf8')) as Bundle;
  } catch {
    return undefined;
  }
  if (bundle.format !== 6) return undefined;
  const now = hashSources(root);
  const keys = Object.keys(now);
  if (keys.length !== Object.keys(bundle.sources).length) return undefined;
  for (const k of keys) if (bundle.sources[k] !== now[k]) return undefined;
  shaOf.set(bundle, sha);
  return bundle;
}

