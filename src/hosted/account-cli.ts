/**
 * `dunguard account reset-password NAME` and `dunguard account delete NAME [--delete-cases]`:
 * what an admin does in the page, for the operator on the server (for instance when the only
 * admin has forgotten their password). Needs DUNGUARD_DATABASE_URL, like the hosted mode.
 */
import { databaseUrl } from '../store/open-store.js';
import { UserError } from '../service/errors.js';
import { Directory, type Actor } from './directory.js';

/** The command line, as the access log names it. */
const CLI: Actor = { id: 'command-line', username: 'command-line', role: 'admin' };

async function withDirectory<T>(f: (d: Directory) => Promise<T>): Promise<T> {
  const url = databaseUrl();
  if (url === undefined) throw new UserError('NO_DATABASE', '账号在多用户数据库中：请设置 DUNGUARD_DATABASE_URL。', 'Accounts live in the multi-user database: set DUNGUARD_DATABASE_URL.');
  const d = await Directory.open({ url, schema: process.env.DUNGUARD_DIRECTORY_SCHEMA?.trim() || undefined });
  try {
    return await f(d);
  } finally {
    await d.close();
  }
}

async function named(d: Directory, username: string) {
  const a = await d.accountByName(username);
  if (a === undefined) throw new UserError('NOT_FOUND', `没有用户名为“${username.trim().toLowerCase()}”的账号。`, `No account is named "${username.trim().toLowerCase()}".`);
  return a;
}

export async function runResetPassword(username: string, o: { json: boolean; lang: 'zh' | 'en' }): Promise<string> {
  return withDirectory(async (d) => {
    const a = await named(d, username);
    const password = await d.resetPassword(a.id);
    if (o.json) return JSON.stringify({ username: a.username, role: a.role, password }) + '\n';
    return o.lang === 'en'
      ? `New password for ${a.username}: ${password}\nIt is shown only this once: hand it over safely. Every session of the account has ended; they can change it after logging in.\n`
      : `${a.username} 的新密码：${password}\n只显示这一次，请安全地交给本人。该账号的所有登录都已退出；本人登录后可以自己修改密码。\n`;
  });
}

export async function runDeleteAccount(username: string, o: { deleteCases?: boolean; json: boolean; lang: 'zh' | 'en' }): Promise<string> {
  return withDirectory(async (d) => {
    const a = await named(d, username);
    const r = await d.deleteAccount(a, CLI, { deleteCases: o.deleteCases === true });
    if (o.json) return JSON.stringify({ username: a.username, role: a.role, unshared_cases: r.unshared.length, deleted_cases: r.deleted.length }) + '\n';
    if (o.lang === 'en') {
      return `Deleted the account ${a.username}.\n${r.deleted.length > 0 ? `${r.deleted.length} case(s) it owned were deleted with it (record and evidence; their access logs are kept).\n` : ''}${r.unshared.length > 0 ? `${r.unshared.length} case(s) shared with it are no longer shared; each case's access log records this.\n` : ''}`;
    }
    return `已删除账号 ${a.username}。\n${r.deleted.length > 0 ? `它的 ${r.deleted.length} 个案件已一并删除（记录和证据文件；查看记录保留）。\n` : ''}${r.unshared.length > 0 ? `与它共享的 ${r.unshared.length} 个案件已停止共享，每个案件的查看记录中都记下了这件事。\n` : ''}`;
  });
}
