/**
 * For admins of the multi-user service: staff accounts (list, add, disable), a new password
 * for someone who forgot theirs (shown once), and deleting an account — which says first what
 * happens to the account's cases, and asks again before a client's cases are deleted with it.
 * No case content here: an admin sees a case only when its client shares it.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.js';
import { ErrorBox, Field } from '../components/Field.js';
import { useLang } from '../i18n.js';

const A = {
  title: { zh: '账号管理（管理员）', en: 'Accounts (admin)' },
  staff: { zh: '工作人员账号', en: 'Staff accounts' },
  disabled: { zh: '已停用', en: 'disabled' },
  disable: { zh: '停用', en: 'Disable' },
  add_staff: { zh: '添加工作人员', en: 'Add a staff member' },
  username: { zh: '用户名', en: 'User name' },
  password: { zh: '初始密码（至少 10 个字符）', en: 'First password (at least 10 characters)' },
  role: { zh: '身份', en: 'Role' },
  helper_short: { zh: '工作人员', en: 'helper' },
  role_hint: { zh: '工作人员可查看当事人共享给他的案件、起草信函；管理员还管理账号。', en: 'A helper sees the cases clients share with them and drafts letters; an admin also manages accounts.' },
  admin: { zh: '管理员', en: 'Admin' },
  add: { zh: '添加', en: 'Add' },
  reset_title: { zh: '重设密码（忘记密码时）', en: 'Reset a password (when forgotten)' },
  reset_name: { zh: '要重设密码的账号的用户名（当事人或工作人员）', en: "User name of the account (client or staff)" },
  reset: { zh: '生成新密码', en: 'Make a new password' },
  reset_done: { zh: '的新密码（只显示这一次，请安全地交给本人；该账号的所有登录都已退出）：', en: "'s new password (shown only this once: hand it over safely; every session of the account has ended):" },
  delete_title: { zh: '删除账号', en: 'Delete an account' },
  delete_name: { zh: '要删除的账号的用户名', en: 'User name of the account to delete' },
  delete_rules: {
    zh: '删除工作人员账号：与他共享的案件会停止共享，每个案件的查看记录中都会记下这件事。删除还有案件的当事人账号：需要确认连同案件一起删除，这些案件的全部记录和证据文件会被永久删除（查看记录保留）。',
    en: "Deleting a staff account: every case shared with them stops being shared, and each case's access log records it. Deleting a client who still has cases: you must confirm that their cases go too; every record and evidence file of those cases is deleted for good (their access logs are kept).",
  },
  delete: { zh: '删除账号', en: 'Delete the account' },
  confirm: { zh: '确定删除', en: 'Yes, delete it' },
  confirm_q: { zh: '确定要删除账号', en: 'Really delete the account' },
  cancel: { zh: '取消', en: 'Cancel' },
  with_cases: { zh: '连同这个当事人的全部案件一起永久删除', en: "Also delete this client's cases for good" },
} satisfies Record<string, { zh: string; en: string }>;

interface StaffRow {
  id: string;
  username: string;
  role: 'helper' | 'admin';
  disabled: boolean;
}

export function AdminPanel({ me }: { me: string }) {
  const lang = useLang();
  const a = (k: keyof typeof A) => A[k][lang];
  const [staff, setStaff] = useState<StaffRow[]>([]);
  const [error, setError] = useState<ApiError | undefined>();
  const load = useCallback(() => {
    api<StaffRow[]>('GET', '/api/admin/accounts').then(setStaff, (e: ApiError) => setError(e));
  }, []);
  useEffect(load, [load]);

  const [newName, setNewName] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [newRole, setNewRole] = useState<'helper' | 'admin'>('helper');
  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST', '/api/admin/accounts', { username: newName.trim(), password: newPassword, role: newRole });
      setNewName('');
      setNewPassword('');
      setError(undefined);
      load();
    } catch (err) {
      setError(err as ApiError);
    }
  };

  const [resetName, setResetName] = useState('');
  const [resetDone, setResetDone] = useState<{ username: string; password: string } | undefined>();
  const [resetError, setResetError] = useState<ApiError | undefined>();
  const reset = async (e: FormEvent) => {
    e.preventDefault();
    setResetDone(undefined);
    try {
      setResetDone(await api<{ username: string; password: string }>('POST', '/api/admin/password-reset', { username: resetName.trim() }));
      setResetError(undefined);
      setResetName('');
    } catch (err) {
      setResetError(err as ApiError);
    }
  };

  const [delName, setDelName] = useState('');
  const [withCases, setWithCases] = useState(false);
  const [asking, setAsking] = useState(false);
  const [delDone, setDelDone] = useState<string | undefined>();
  const [delError, setDelError] = useState<ApiError | undefined>();
  const del = async () => {
    setAsking(false);
    try {
      const r = await api<{ username: string; unshared_cases: number; deleted_cases: number }>('POST', '/api/admin/account-deletion', { username: delName.trim(), ...(withCases ? { delete_cases: true } : {}) });
      setDelDone(
        lang === 'zh'
          ? `已删除账号 ${r.username}。${r.deleted_cases > 0 ? `它的 ${r.deleted_cases} 个案件已一并删除。` : ''}${r.unshared_cases > 0 ? `与它共享的 ${r.unshared_cases} 个案件已停止共享，并记入各案件的查看记录。` : ''}`
          : `Deleted the account ${r.username}.${r.deleted_cases > 0 ? ` ${r.deleted_cases} case(s) it owned were deleted with it.` : ''}${r.unshared_cases > 0 ? ` ${r.unshared_cases} case(s) shared with it are no longer shared, as each case's access log records.` : ''}`,
      );
      setDelError(undefined);
      setDelName('');
      setWithCases(false);
      load();
    } catch (err) {
      setDelDone(undefined);
      setDelError(err as ApiError);
    }
  };

  return (
    <section className="card" data-testid="admin">
      <h2>{a('title')}</h2>
      <ErrorBox error={error} />
      <h3>{a('staff')}</h3>
      <ul data-testid="staff">
        {staff.map((s) => (
          <li key={s.id}>
            {s.username}（{s.role === 'admin' ? a('admin') : a('helper_short')}）{s.disabled && <span className="hint"> {a('disabled')}</span>}
            {!s.disabled && s.id !== me && (
              <>
                {' '}
                <button type="button" className="link" onClick={() => void api('POST', `/api/admin/accounts/${encodeURIComponent(s.id)}/disable`).then(load, (e: ApiError) => setError(e))}>
                  {a('disable')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void add(e)}>
        <h3>{a('add_staff')}</h3>
        <div className="row">
          <Field label={a('username')}>{(id) => <input id={id} autoCapitalize="none" spellCheck={false} required maxLength={64} autoComplete="off" value={newName} onChange={(e) => setNewName(e.target.value)} />}</Field>
          <Field label={a('password')}>{(id) => <input id={id} type="password" autoComplete="new-password" required maxLength={200} value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />}</Field>
          <Field label={a('role')} hint={a('role_hint')}>
            {(id, hint) => (
              <select id={id} aria-describedby={hint} value={newRole} onChange={(e) => setNewRole(e.target.value as 'helper' | 'admin')}>
                <option value="helper">{a('helper_short')}</option>
                <option value="admin">{a('admin')}</option>
              </select>
            )}
          </Field>
        </div>
        <button type="submit">{a('add')}</button>
      </form>

      <form onSubmit={(e) => void reset(e)} data-testid="reset-password">
        <h3>{a('reset_title')}</h3>
        <ErrorBox error={resetError} />
        <Field label={a('reset_name')}>{(id) => <input id={id} autoCapitalize="none" spellCheck={false} required maxLength={64} autoComplete="off" value={resetName} onChange={(e) => setResetName(e.target.value)} />}</Field>
        <button type="submit">{a('reset')}</button>
        {resetDone && (
          <p role="status">
            {resetDone.username}
            {a('reset_done')} <code data-testid="new-password">{resetDone.password}</code>
          </p>
        )}
      </form>

      <form
        data-testid="delete-account"
        onSubmit={(e) => {
          e.preventDefault();
          setDelDone(undefined);
          setDelError(undefined);
          setAsking(true);
        }}
      >
        <h3>{a('delete_title')}</h3>
        <p className="hint">{a('delete_rules')}</p>
        <ErrorBox error={delError} />
        <Field label={a('delete_name')}>{(id) => <input id={id} autoCapitalize="none" spellCheck={false} required maxLength={64} autoComplete="off" value={delName} onChange={(e) => { setDelName(e.target.value); setAsking(false); }} />}</Field>
        <label className="choice">
          <input type="checkbox" checked={withCases} onChange={(e) => { setWithCases(e.target.checked); setAsking(false); }} /> {a('with_cases')}
        </label>
        {!asking ? (
          <button type="submit">{a('delete')}</button>
        ) : (
          <p className="actions" role="alert">
            <span className="warn">
              {a('confirm_q')} {delName.trim()}
              {lang === 'zh' ? '？' : '?'}
            </span>
            <button type="button" className="primary" onClick={() => void del()}>
              {a('confirm')}
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              {a('cancel')}
            </button>
          </p>
        )}
        {delDone && <p role="status">{delDone}</p>}
      </form>
    </section>
  );
}
