/**
 * Part of `npm run build`: validates every data source and writes dist/data/bundle.json,
 * which the CLI loads for a fast start. Fails the build on any invalid data file.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { BUNDLE_PATH } from '../src/data/bundle.js';
import { TABLES_PATH, writeEngineTables } from '../src/data/engine-tables.js';
import { engineFrom, loadModel, packageRoot } from '../src/data/load.js';
import { readSources } from '../src/data/sources.js';

const root = packageRoot();
const bundle = readSources(root);
const engine = engineFrom(bundle, loadModel(root)); // compile once: bad terms, regexes or law references fail here
mkdirSync(dirname(join(root, BUNDLE_PATH)), { recursive: true });
const bytes = Buffer.from(JSON.stringify(bundle), 'utf8');
writeFileSync(join(root, BUNDLE_PATH), bytes);
// The engine's prebuilt tables, valid only with exactly this bundle (and this Node version).
writeEngineTables(root, createHash('sha256').update(bytes).digest('hex'), engine);
// tsc writes plain files: the command's entry point must be executable for npx and npm link.
chmodSync(join(root, 'dist', 'src', 'cli', 'main.js'), 0o755);
process.stderr.write(`wrote ${BUNDLE_PATH} (${bundle.signals.length} signals, ${bundle.law.provisions.length} provisions) and ${TABLES_PATH}\n`);
