/** `dunguard serve` as a process: prints its address, serves the page and the API, refuses what it should. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, dunguard } from './helpers/cli.js';
import { packageRoot } from '../src/data/load.js';

function serve(args: string[], env: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', ...args], { env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve({ url: m[1]!, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

describe('dunguard serve', () => {
  it('serves the page with its token and the API on a loopback port, keeping the token private', async () => {
    const home = mkdtempSync(join(tmpdir(), 'dunguard-serve-'));
    const s = await serve(['--port', '0'], { DUNGUARD_HOME: home });
    try {
      const token = readFileSync(join(home, 'api-token'), 'utf8').trim();
      assert.match(token, /^[0-9a-f]{64}$/);
      assert.equal(statSync(join(home, 'api-token')).mode & 0o077, 0, 'the token file is readable by its owner only');
      const page = await fetch(s.url);
      assert.equal(page.status, 200);
      assert.ok((await page.text()).includes(token));
      const r = await fetch(s.url + 'api/check', { method: 'POST', headers: { 'content-type': 'application/json', 'x-dunguard-token': token }, body: JSON.stringify({ text: '请把钱转入安全账户' }) });
      assert.equal(r.status, 200);
      assert.equal(((await r.json()) as { verdict: string }).verdict, 'scam');
    } finally {
      s.stop();
    }
  });

  it('refuses a non-loopback address without --allow-remote, and a bad port', () => {
    const remote = dunguard(['serve', '--host', '0.0.0.0', '--port', '0'], { env: { DUNGUARD_HOME: mkdtempSync(join(tmpdir(), 'dunguard-serve-')) } });
    assert.equal(remote.code, 2);
    assert.match(remote.err, /--allow-remote/);
    const port = dunguard(['serve', '--port', 'abc']);
    assert.equal(port.code, 2);
    assert.match(port.err, /端口|port/i);
  });

  it('says clearly when the port is taken', async () => {
    const home = mkdtempSync(join(tmpdir(), 'dunguard-serve-'));
    const s = await serve(['--port', '0'], { DUNGUARD_HOME: home });
    try {
      const port = new URL(s.url).port;
      const second = dunguard(['serve', '--port', port], { env: { DUNGUARD_HOME: home } });
      assert.equal(second.code, 2);
      assert.match(second.err, new RegExp(`端口 ${port} 已被占用`));
    } finally {
      s.stop();
    }
  });

  it('with --allow-remote, keeps the token out of the page and prints it in the address instead', async () => {
    const home = mkdtempSync(join(tmpdir(), 'dunguard-serve-'));
    const child = spawn(process.execPath, [CLI, 'serve', '--host', '0.0.0.0', '--allow-remote', '--port', '0'], { env: { ...process.env, DUNGUARD_HOME: home } });
    try {
      const printed = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          if (/#token=[0-9a-f]{64}/.test(out)) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const token = readFileSync(join(home, 'api-token'), 'utf8').trim();
      assert.ok(printed.includes(`#token=${token}`));
      const port = /:(\d+)\/#token=/.exec(printed)![1];
      const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      assert.ok(!page.includes(token), 'the page does not carry the token in remote mode');
      assert.equal((await fetch(`http://127.0.0.1:${port}/api/law`)).status, 401);
      assert.equal((await fetch(`http://127.0.0.1:${port}/api/law`, { headers: { 'x-dunguard-token': token } })).status, 200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

const portFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

describe('npm start', () => {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
    it(`frees the port when npm itself gets ${signal}`, { timeout: 60_000 }, async () => {
      const home = mkdtempSync(join(tmpdir(), 'dunguard-start-'));
      // --port 0 passes through to \`dunguard serve\`; no browser to open in a test.
      const npm = spawn('npm', ['start', '--silent', '--', '--port', '0'], { cwd: packageRoot(), env: { ...process.env, DUNGUARD_HOME: home, BROWSER: 'none', DISPLAY: '' } });
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        npm.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
          if (m) resolve(Number(m[1]));
        });
        npm.once('exit', (code) => reject(new Error(`npm start exited ${code}: ${out}`)));
      });
      assert.equal(await portFree(port), false, 'the server is listening');
      npm.kill(signal);
      let free = false;
      for (let i = 0; i < 40 && !free; i++) {
        await new Promise((r) => setTimeout(r, 250));
        free = await portFree(port);
      }
      assert.ok(free, `port ${port} is free within 10 s of ${signal} to npm`);
    });
  }
});
