/**
 * Part of `npm run build`: validates every data source and writes dist/data/bundle.json,
 * which the CLI loads for a fast start. Fails the build on any invalid data file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BUNDLE_PATH } from '../src/data/bundle.js';
import { engineFrom, loadModel, packageRoot } from '../src/data/load.js';
import { readSources } from '../src/data/sources.js';

const root = packageRoot();
const bundle = readSources(root);
engineFrom(bundle, loadModel(root)); // compile once: bad terms, regexes or law references fail here
mkdirSync(dirname(join(root, BUNDLE_PATH)), { recursive: true });
writeFileSync(join(root, BUNDLE_PATH), JSON.stringify(bundle));
process.stderr.write(`wrote ${BUNDLE_PATH} (${bundle.signals.length} signals, ${bundle.law.provisions.length} provisions)\n`);
