/** Starts the dunguard server in this process on a free loopback port, over a fresh data folder. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, type App, type ConnectionLimits } from '../../src/server/app.js';
import { loadOrCreateToken } from '../../src/server/token.js';

export interface TestServer {
  app: App;
  url: string;
  token: string;
  dir: string;
  close: () => Promise<void>;
}

export async function startServer(opts: { listen?: boolean; maxUpload?: number; limits?: Partial<ConnectionLimits> } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dunguard-web-'));
  const token = loadOrCreateToken(dir);
  const hosts = new Set<string>(['localhost:80']); // inject()'s default Host
  const { app, close } = await buildServer({ dataDir: dir, token, embedToken: true, allowedHosts: hosts, ...(opts.maxUpload ? { maxUpload: opts.maxUpload } : {}), ...(opts.limits ? { limits: opts.limits } : {}) });
  let url = 'http://127.0.0.1';
  if (opts.listen !== false) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
    for (const h of [`127.0.0.1:${port}`, `localhost:${port}`]) hosts.add(h);
    url = `http://127.0.0.1:${port}`;
  }
  return { app, url, token, dir, close };
}
