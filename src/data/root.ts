/**
 * The package root, on its own (no data, no engine): the command line reads its version from
 * the package.json there at every start, and load.ts finds the data below it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from './errors.js';

/** The package root: the nearest folder above this file with data/rules and package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'data', 'rules')) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new DataError('cannot find the data/ folder above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}
