import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderSchema, SCHEMAS } from '../scripts/schemas.js';
import { packageRoot } from '../src/data/load.js';

describe('published JSON schemas', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`docs/schemas/${name}.json matches the code (run npm run schemas after changing a contract)`, () => {
      const committed = readFileSync(join(packageRoot(), 'docs', 'schemas', `${name}.json`), 'utf8');
      assert.equal(committed, renderSchema(name, schema));
    });
  }
});
