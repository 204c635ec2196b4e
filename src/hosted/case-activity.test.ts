/** The per-case coalescing of summary refreshes: a burst shares runs, and no caller is answered by a run that began before it asked. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Coalescer } from './case-activity.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('Coalescer', () => {
  it('ten calls while one run is going cost two runs in all, and each call ends after a run that started after it', async () => {
    const c = new Coalescer();
    let started = 0;
    const finished: number[] = []; // the start number of each run that has finished
    const f = async () => {
      const me = ++started;
      await tick();
      finished.push(me);
    };
    const calls = Array.from({ length: 11 }, () => {
      const startedBefore = started;
      return c.run('case', f).then(() => assert.ok(finished.some((s) => s > startedBefore), `answered before a run that began after the call (${startedBefore} started before it)`));
    });
    await Promise.all(calls);
    assert.equal(started, 2);
  });

  it('keys do not wait for each other, and a failed run does not stop the next', async () => {
    const c = new Coalescer();
    let runs = 0;
    const bad = c.run('a', async () => {
      runs++;
      await tick();
      throw new Error('database gone');
    });
    const after = c.run('a', async () => {
      runs++;
    });
    const other = c.run('b', async () => {
      runs++;
    });
    await assert.rejects(bad, /database gone/);
    await after;
    await other;
    assert.equal(runs, 3);
    // Nothing left running: a new call starts at once.
    let ran = false;
    await c.run('a', async () => {
      ran = true;
    });
    assert.ok(ran);
  });
});
