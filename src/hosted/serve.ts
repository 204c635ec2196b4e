/**
 * `dunguard serve --multi-user`: the hosted server (server.ts) on a port. It needs
 * DUNGUARD_DATABASE_URL: accounts and every case live in PostgreSQL, so that several of these
 * processes can serve one organisation behind a load balancer. The first admin account comes
 * from DUNGUARD_ADMIN_USERNAME and DUNGUARD_ADMIN_PASSWORD (created when missing).
 * Behind a reverse proxy, DUNGUARD_TRUST_PROXY=1 takes each client's address from X-Forwarded-For.
 * Sessions are cookies marked Secure: put the server behind HTTPS (a browser sends them over
 * plain HTTP only to localhost).
 */
import { databaseUrl } from '../store/open-store.js';
import { UserError } from '../service/errors.js';
import type { ServeOptions } from '../cli/serve.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export async function runHostedServe(o: ServeOptions): Promise<void> {
  const en = o.lang === 'en';
  const url = databaseUrl();
  if (url === undefined) {
    throw new UserError(
      'NO_DATABASE',
      '多用户模式（--multi-user）需要 PostgreSQL 数据库：请设置 DUNGUARD_DATABASE_URL=postgres://用户名:密码@主机:端口/数据库名。一个人自己使用时，不加 --multi-user 即可（数据保存在本机的 SQLite 文件中）。',
      'Multi-user mode (--multi-user) needs a PostgreSQL database: set DUNGUARD_DATABASE_URL=postgres://user:password@host:port/database. For one person, leave out --multi-user (the record stays in a local SQLite file).',
    );
  }
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError('BAD_INPUT', `端口“${o.port}”无效：请写 0 到 65535 之间的数字`, `Invalid port ${o.port}`);
  if (!LOOPBACK.test(o.host) && !o.allowRemote) {
    throw new UserError('BAD_INPUT', `要让其他设备访问 ${o.host}，请加 --allow-remote（并在前面放一个 HTTPS 反向代理）。`, `To let other devices reach ${o.host}, add --allow-remote (behind an HTTPS reverse proxy).`);
  }
  const { buildHostedServer } = await import('./server.js');
  const { app, directory, close } = await buildHostedServer({ url, directorySchema: process.env.DUNGUARD_DIRECTORY_SCHEMA?.trim() || undefined, trustProxy: process.env.DUNGUARD_TRUST_PROXY === '1' });
  try {
    const name = process.env.DUNGUARD_ADMIN_USERNAME?.trim();
    const password = process.env.DUNGUARD_ADMIN_PASSWORD;
    if (name && password && (await directory.accountByName(name)) === undefined) {
      try {
        await directory.createAccount(name, password, 'admin');
      } catch (e) {
        // Another process started at the same moment made it.
        if ((e as UserError).code !== 'TAKEN') throw e;
      }
    }
    await app.listen({ port, host: o.host });
  } catch (e) {
    await close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UserError('PORT_IN_USE', `端口 ${port} 已被占用：换一个，例如 --port ${port + 1}`, `Port ${port} is in use: pick another, e.g. --port ${port + 1}`);
    throw e;
  }
  const addr = app.server.address();
  const actual = typeof addr === 'object' && addr !== null ? addr.port : port;
  const hostName = o.host.includes(':') ? `[${o.host}]` : o.host;
  process.stdout.write(en ? `dunguard (multi-user) is running: http://${hostName}:${actual}/\npress Ctrl+C to stop\n` : `dunguard 多用户服务已启动：http://${hostName}:${actual}/\n按 Ctrl+C 停止\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => process.exit(0), 3000).unref();
    app.server.closeIdleConnections();
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, stop);
}
