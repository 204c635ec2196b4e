/**
 * `dunguard serve`: the local web page and its API. Binds 127.0.0.1 by default; another
 * address needs --allow-remote, and then the page asks for the access token (printed here)
 * instead of receiving it, and the Host check is off (the token is the guard).
 */
import { readFileSync } from 'node:fs';
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
  // Stop on Ctrl-C, kill, a closed terminal — and when the npm that started us (`npm start`) is
  // gone, so the port is never left held by an orphan. A second signal, or a close that takes
  // longer than STOP_GRACE_MS (a browser's open connection), ends the process at once.
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(1);
    stopping = true;
    clearInterval(watch);
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
    app.server.closeIdleConnections();
    process.stdout.write(en ? 'dunguard stopped\n' : 'dunguard 已停止\n');
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, stop);
  const watch = watchLauncher(stop); // read by stop() only after this line has run
  if (o.open) {
    try {
      const { default: openUrl } = await import('open');
      await openUrl(url);
    } catch {
      /* no browser to open (a server, CI): the address is printed above */
    }
  }
}

const STOP_GRACE_MS = 3000;
/** Who started this process, read as early as possible (before npm could be gone). */
const LAUNCHER = process.ppid;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Linux: a process's parent id and command name from /proc; undefined elsewhere. */
function procStat(pid: number): { comm: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    return { comm: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(stat.slice(close + 2).split(' ')[1]) };
  } catch {
    return undefined;
  }
}

/**
 * Run by an npm script (`npm start`), the server watches what launched it: npm, and the shell
 * npm runs the script in. When either is gone (npm killed, even with SIGKILL; npm's shell
 * exiting without passing the signal on), the server stops instead of holding the port.
 */
function watchLauncher(onGone: () => void): NodeJS.Timeout | undefined {
  if (!process.env.npm_lifecycle_event) return undefined;
  const parent = LAUNCHER;
  const watched = [parent];
  const p = procStat(parent);
  if (p && /^(sh|dash|bash|zsh|ash)$/.test(p.comm) && p.ppid > 1) watched.push(p.ppid);
  const gone = (): boolean => process.ppid !== parent || !watched.every(alive);
  const t = setInterval(() => {
    if (gone()) onGone();
  }, 500);
  t.unref();
  if (gone()) setImmediate(onGone);
  return t;
}
