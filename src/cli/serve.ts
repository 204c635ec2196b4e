/**
 * `dunguard serve`: the local web page and its API. Binds 127.0.0.1 by default; another
 * address needs --allow-remote, and then the page asks for the access token (printed here)
 * instead of receiving it, and the Host check is off (the token is the guard).
 */
import { resolveDataDir } from '../store/data-dir.js';
import { loadOrCreateToken } from '../server/token.js';
import { UserError } from './io.js';

export interface ServeOptions {
  port: string;
  host: string;
  dataDir?: string;
  open: boolean;
  allowRemote: boolean;
  /** The language of what is printed (default Chinese). */
  lang?: 'zh' | 'en';
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export async function runServe(o: ServeOptions): Promise<void> {
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError('BAD_INPUT', `端口“${o.port}”无效：请写 0 到 65535 之间的数字`, `Invalid port ${o.port}`);
  const loopback = LOOPBACK.test(o.host);
  if (!loopback && !o.allowRemote) {
    throw new UserError(
      'BAD_INPUT',
      `只在本机（127.0.0.1）提供服务更安全。若确实要让其他设备访问 ${o.host}，请加 --allow-remote（需要访问令牌）。`,
      `Serving only this machine (127.0.0.1) is safer. To let other devices reach ${o.host}, add --allow-remote (an access token is then required).`,
    );
  }
  const dir = resolveDataDir(o.dataDir);
  const token = loadOrCreateToken(dir);
  const { buildServer } = await import('../server/app.js');
  const hostName = o.host.includes(':') ? `[${o.host}]` : o.host;
  // The Host header must name this server: blocks DNS-rebinding pages in loopback mode.
  const hosts = (p: number) => new Set([`${hostName}:${p}`, `localhost:${p}`, `127.0.0.1:${p}`, `[::1]:${p}`]);
  const allowed = new Set<string>();
  const { app, close } = await buildServer({ dataDir: dir, token, embedToken: loopback, allowedHosts: loopback ? allowed : undefined });
  try {
    await app.listen({ port, host: o.host });
  } catch (e) {
    await close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError('PORT_IN_USE', `端口 ${port} 已被占用：换一个，例如 --port ${port + 1}`, `Port ${port} is in use: pick another, e.g. --port ${port + 1}`);
    throw e;
  }
  const addr = app.server.address();
  const actual = typeof addr === 'object' && addr !== null ? addr.port : port;
  if (loopback) for (const h of hosts(actual)) allowed.add(h);
  const url = `http://${hostName}:${actual}/`;
  const en = o.lang === 'en';
  process.stdout.write(
    loopback
      ? en
        ? `dunguard is running: ${url}\ndata kept in: ${dir}\npress Ctrl+C to stop\n`
        : `dunguard 已启动：${url}\n数据保存在：${dir}\n按 Ctrl+C 停止\n`
      : en
        ? `dunguard is running: ${url}#token=${token}\n(open the full address above on the other device)\ndata kept in: ${dir}\n`
        : `dunguard 已启动：${url}#token=${token}\n（其他设备请打开上面的完整地址）\n数据保存在：${dir}\n`,
  );
  if (o.open) {
    try {
      const { default: openUrl } = await import('open');
      await openUrl(url);
    } catch {
      /* no browser to open (a server, CI): the address is printed above */
    }
  }
  const stop = () => {
    void close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
