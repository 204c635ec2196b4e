/**
 * The page served by `dunguard serve --multi-user`: before the usual pages, a login (or a new
 * client account), then a case to work in — a client's own, or for staff those shared with
 * them — and, for admins, accounts. Inside a case the same pages run as on one's own
 * computer: the HTTP backend sends their calls to the chosen case (backend/http.ts setCase).
 * The case bar above them says which case it is, lets its owner share it and read who looked
 * at it, and switches case or logs out.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../api.js';
import { ErrorBox, Field } from '../components/Field.js';
import { useLang, type Lang } from '../i18n.js';
import { onSessionLost, setCase } from '../backend/http.js';
import { AdminPanel } from './AdminPanel.js';
import './hosted.css';

export interface Me {
  id: string;
  username: string;
  role: 'client' | 'helper' | 'admin';
}
export interface CaseInfo {
  id: string;
  title: string;
  owner?: string;
  access: 'owner' | 'shared';
  created_at: string;
}
/** A row of the case list: the case and what is in it (null: not summarised yet). */
export interface CaseListItem extends CaseInfo {
  events?: number | null;
  latest_event_at?: string | null;
  new_events?: number | null;
  findings?: number | null;
  last_viewed_at?: string | null;
}
type Bi = { zh: string; en: string };

export const W = {
  login_title: { zh: '登录', en: 'Log in' },
  register_title: { zh: '注册新账号', en: 'Open an account' },
  username: { zh: '用户名', en: 'User name' },
  username_hint: { zh: '3 到 64 个字符：小写字母、数字和 . _ @ -', en: '3 to 64 characters: lower-case letters, digits and . _ @ -' },
  password: { zh: '密码', en: 'Password' },
  password_hint: { zh: '至少 10 个字符', en: 'At least 10 characters' },
  login: { zh: '登录', en: 'Log in' },
  register: { zh: '注册并登录', en: 'Open the account and log in' },
  to_register: { zh: '还没有账号？注册一个（当事人）', en: 'No account yet? Open one (for your own case)' },
  to_login: { zh: '已有账号？去登录', en: 'Have an account? Log in' },
  staff_note: { zh: '工作人员的账号由管理员建立。', en: 'Staff accounts are made by an administrator.' },
  expired: { zh: '登录已过期或已在别处退出，请重新登录。', en: 'Your session has ended (it expired, or you logged out elsewhere): log in again.' },
  hosted_intro: {
    zh: '这是机构提供的多用户服务：你的案件记录保存在本机构的服务器上，只有你和你共享给的工作人员能看到。',
    en: "This is an organisation's multi-user service: your case record is kept on its server, seen only by you and the staff you share it with.",
  },
  cases_title: { zh: '案件', en: 'Cases' },
  my_cases: { zh: '我的案件', en: 'My cases' },
  shared_cases: { zh: '与我共享的案件', en: 'Cases shared with me' },
  no_cases_client: { zh: '还没有案件：先新建一个。', en: 'No case yet: open one first.' },
  no_cases_staff: { zh: '还没有当事人与你共享案件。', en: 'No client has shared a case with you yet.' },
  open: { zh: '打开', en: 'Open' },
  new_case: { zh: '新建案件', en: 'Open a new case' },
  case_title: { zh: '案件名称（可选，只有你和共享的人看得到）', en: 'Case name (optional; seen only by you and those you share it with)' },
  create: { zh: '新建并打开', en: 'Open it' },
  untitled: { zh: '（未命名案件）', en: '(untitled case)' },
  owner_label: { zh: '当事人', en: 'Client' },
  col_case: { zh: '案件', en: 'Case' },
  col_new: { zh: '新动态', en: 'New activity' },
  col_latest: { zh: '最近一次联系', en: 'Latest contact' },
  col_findings: { zh: '骚扰特征', en: 'Findings' },
  col_events: { zh: '记录', en: 'Records' },
  new_none: { zh: '无', en: 'none' },
  new_n: { zh: '{n} 条新记录', en: '{n} new' },
  never_opened: { zh: '（你还没打开过）', en: '(not opened by you yet)' },
  findings_n: { zh: '{n} 项', en: '{n}' },
  events_n: { zh: '{n} 条', en: '{n}' },
  not_yet: { zh: '统计中', en: 'counting' },
  list_note: { zh: '有新记录的案件排在前面。“新动态”是你上次打开这个案件之后新增的记录；“骚扰特征”是案件骚扰报告发现的特征数量。', en: 'Cases with new records come first. "New activity" counts the records added since you last opened the case; "Findings", the patterns its harassment report finds.' },
  created: { zh: '建立于', en: 'opened' },
  current_case: { zh: '当前案件', en: 'Case' },
  shared_from: { zh: '共享自', en: 'shared by' },
  shared_note: { zh: '这个案件与你共享：你可以查看、检查短信、起草信函，但不能修改记录。你的每次查看都会记入当事人可见的查看记录。', en: "This case is shared with you: you may read it, check messages and draft letters, not change the record. Each of your requests is in the access log its client reads." },
  switch_case: { zh: '换一个案件', en: 'Switch case' },
  logout: { zh: '退出登录', en: 'Log out' },
  logged_in_as: { zh: '已登录', en: 'Logged in as' },
  sharing: { zh: '共享与查看记录', en: 'Sharing and access log' },
  share_with: { zh: '共享给工作人员（填写对方的用户名）', en: "Share with a staff member (their user name)" },
  share: { zh: '共享', en: 'Share' },
  shared_with: { zh: '已共享给', en: 'Shared with' },
  not_shared: { zh: '这个案件还没有共享给任何人。', en: 'This case is not shared with anyone.' },
  revoke: { zh: '停止共享', en: 'Stop sharing' },
  access_log: { zh: '查看记录（别人对这个案件的每次访问）', en: 'Access log (every request to this case by someone else)' },
  no_access: { zh: '还没有人查看过这个案件。', en: 'Nobody else has looked at this case.' },
  log_intact: { zh: '查看记录完整，未被改动。', en: 'The access log is intact.' },
  log_broken: { zh: '查看记录被改动过！', en: 'The access log has been changed!' },
  close: { zh: '收起', en: 'Close' },
  role_client: { zh: '当事人', en: 'client' },
  role_helper: { zh: '工作人员', en: 'helper' },
  role_admin: { zh: '管理员', en: 'admin' },
  change_password: { zh: '修改密码', en: 'Change password' },
  old_password: { zh: '原密码', en: 'Current password' },
  new_password: { zh: '新密码（至少 10 个字符）', en: 'New password (at least 10 characters)' },
  password_changed: { zh: '密码已修改，请用新密码重新登录。', en: 'Password changed: log in again with the new one.' },
  hosted_privacy: { zh: '记录保存在本机构的服务器上；只有当事人和他共享给的工作人员能看到案件内容。', en: "The record is kept on the organisation's server; only the client and the staff they share a case with see its content." },
} satisfies Record<string, Bi>;

export function useW(): (k: keyof typeof W) => string {
  const lang = useLang();
  return (k) => W[k][lang];
}

const CASE_KEY = 'dunguard-case';

const shortDate = (iso: string) => iso.slice(0, 10);
/** A time as it was in China (the record's zone), to the minute. */
const localTime = (iso: string): string => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);
};
const fill = (t: string, n: number): string => t.replace('{n}', String(n));

/**
 * Wraps the usual pages: they show only once someone is logged in and has chosen a case.
 * `children(bar, footer)` renders the pages with the case bar and the footer's privacy note.
 */
export function HostedGate({ lang, setLang, children }: { lang: Lang; setLang: (l: Lang) => void; children: (bar: ReactNode, footer: string) => ReactNode }) {
  const w = useW();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [current, setCurrent] = useState<CaseInfo | undefined>();
  const [notice, setNotice] = useState<Bi | undefined>();

  const choose = useCallback((c: CaseInfo | undefined) => {
    setCase(c?.id);
    if (c) sessionStorage.setItem(CASE_KEY, c.id);
    else sessionStorage.removeItem(CASE_KEY);
    setCurrent(c);
  }, []);

  const signedOut = useCallback(
    (why?: Bi) => {
      choose(undefined);
      setMe(null);
      setNotice(why);
    },
    [choose],
  );

  // "Your session has ended" only to someone who was logged in: a first visit's "who is it?" is not that.
  const loggedIn = useRef(false);
  useEffect(() => {
    loggedIn.current = me != null;
  }, [me]);
  useEffect(() => {
    onSessionLost(() => {
      if (loggedIn.current) signedOut(W.expired);
    });
    return () => onSessionLost(undefined);
  }, [signedOut]);

  // Who is logged in (the cookie is HTTP-only: only the server can say), and the case of this tab before a reload.
  useEffect(() => {
    void (async () => {
      let who: Me;
      try {
        who = await api<Me>('GET', '/api/me');
      } catch {
        setMe(null);
        return;
      }
      const id = sessionStorage.getItem(CASE_KEY);
      if (id) {
        try {
          choose(await api<CaseInfo>('GET', `/api/cases/${encodeURIComponent(id)}`));
        } catch {
          choose(undefined);
        }
      }
      setMe(who);
    })();
  }, [choose]);

  const top = (
    <header className="hosted-top">
      <p className="brand">
        <strong>{lang === 'zh' ? '催收识别' : 'dunguard'}</strong> <span className="badge">{lang === 'zh' ? '多用户服务' : 'multi-user'}</span>
      </p>
      <button type="button" className="lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
        {lang === 'zh' ? 'English' : '中文'}
      </button>
    </header>
  );

  if (me === undefined) return top;
  if (me === null) {
    return (
      <>
        {top}
        <main id="main" tabIndex={-1}>
          <LoginPage notice={notice} onIn={(m) => { setNotice(undefined); setMe(m); }} />
        </main>
        <footer className="hint">{w('hosted_privacy')}</footer>
      </>
    );
  }
  const logout = () => {
    void api('POST', '/api/auth/logout').then(
      () => signedOut(),
      () => signedOut(),
    );
  };
  if (current === undefined) {
    return (
      <>
        {top}
        <main id="main" tabIndex={-1}>
          <CasesPage me={me} onOpen={choose} onLogout={logout} onPasswordChanged={() => signedOut(W.password_changed)} />
        </main>
        <footer className="hint">{w('hosted_privacy')}</footer>
      </>
    );
  }
  return <>{children(<CaseBar key={current.id} me={me} current={current} onSwitch={() => choose(undefined)} onLogout={logout} />, w('hosted_privacy'))}</>;
}

function LoginPage({ notice, onIn }: { notice?: Bi; onIn: (m: Me) => void }) {
  const w = useW();
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'register') await api('POST', '/api/auth/register', { username: username.trim(), password });
      onIn(await api<Me>('POST', '/api/auth/login', { username: username.trim(), password }));
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page">
      <h1>{mode === 'login' ? w('login_title') : w('register_title')}</h1>
      <p className="hint">{w('hosted_intro')}</p>
      <ErrorBox error={error ?? notice} />
      <form className="card" onSubmit={(e) => void submit(e)} data-testid="login-form">
        <Field label={w('username')} hint={mode === 'register' ? w('username_hint') : undefined}>
          {(id, hint) => <input id={id} aria-describedby={hint} autoComplete="username" autoCapitalize="none" spellCheck={false} required maxLength={64} value={username} onChange={(e) => setUsername(e.target.value)} />}
        </Field>
        <Field label={w('password')} hint={mode === 'register' ? w('password_hint') : undefined}>
          {(id, hint) => <input id={id} aria-describedby={hint} type="password" autoComplete={mode === 'login' ? 'current-password' : 'new-password'} required maxLength={200} value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {mode === 'login' ? w('login') : w('register')}
          </button>
          <button type="button" className="link" onClick={() => { setMode(mode === 'login' ? 'register' : 'login'); setError(undefined); }}>
            {mode === 'login' ? w('to_register') : w('to_login')}
          </button>
        </div>
        {mode === 'register' && <p className="hint">{w('staff_note')}</p>}
      </form>
    </div>
  );
}

function roleName(w: (k: keyof typeof W) => string, role: Me['role']): string {
  return w(role === 'client' ? 'role_client' : role === 'helper' ? 'role_helper' : 'role_admin');
}

function CasesPage({ me, onOpen, onLogout, onPasswordChanged }: { me: Me; onOpen: (c: CaseInfo) => void; onLogout: () => void; onPasswordChanged: () => void }) {
  const w = useW();
  const [cases, setCases] = useState<CaseListItem[] | undefined>();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  useEffect(() => {
    api<CaseListItem[]>('GET', '/api/cases').then(setCases, (e: ApiError) => setError(e));
  }, []);
  // Opening a case through the server: what is in it now counts as seen (the list's "new activity").
  const open = async (id: string) => {
    try {
      onOpen(await api<CaseInfo>('GET', `/api/cases/${encodeURIComponent(id)}`));
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      onOpen(await api<CaseInfo>('POST', '/api/cases', title.trim() ? { title: title.trim() } : {}));
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <div className="page">
      <div className="actions">
        <p className="hint" data-testid="who">
          {w('logged_in_as')}: <strong>{me.username}</strong>（{roleName(w, me.role)}）
        </p>
        <button type="button" onClick={onLogout}>
          {w('logout')}
        </button>
      </div>
      <h1>{me.role === 'client' ? w('my_cases') : w('shared_cases')}</h1>
      <ErrorBox error={error} />
      {cases !== undefined && cases.length === 0 && <p className="hint">{me.role === 'client' ? w('no_cases_client') : w('no_cases_staff')}</p>}
      {cases !== undefined && cases.length > 0 && (
        <>
          <p className="hint">{w('list_note')}</p>
          <ul className="cases case-list" data-testid="cases">
            {cases.map((c) => (
              <li key={c.id} className={c.new_events ? 'card case-row case-new' : 'card case-row'} data-testid="case-row">
                <div className="case-name">
                  <strong>{c.title || w('untitled')}</strong>
                  {c.access === 'shared' && c.owner && (
                    <span className="hint">
                      {' '}
                      {w('owner_label')}: {c.owner}
                    </span>
                  )}
                  <span className="hint">
                    {' '}
                    {w('created')} {shortDate(c.created_at)}
                  </span>
                </div>
                <dl className="case-stats">
                  <div data-testid="case-new">
                    <dt>{w('col_new')}</dt>
                    <dd>
                      {c.new_events == null ? w('not_yet') : c.new_events > 0 ? <span className="case-new-count">{fill(w('new_n'), c.new_events)}</span> : w('new_none')}
                      {c.new_events != null && c.new_events > 0 && !c.last_viewed_at && <span className="hint"> {w('never_opened')}</span>}
                    </dd>
                  </div>
                  <div>
                    <dt>{w('col_latest')}</dt>
                    <dd>{c.latest_event_at ? localTime(c.latest_event_at) : '—'}</dd>
                  </div>
                  <div data-testid="case-findings">
                    <dt>{w('col_findings')}</dt>
                    <dd>{c.findings == null ? w('not_yet') : fill(w('findings_n'), c.findings)}</dd>
                  </div>
                  <div>
                    <dt>{w('col_events')}</dt>
                    <dd>{c.events == null ? w('not_yet') : fill(w('events_n'), c.events)}</dd>
                  </div>
                </dl>
                <button type="button" className="primary" onClick={() => void open(c.id)} aria-label={`${w('open')}: ${c.title || w('untitled')}`}>
                  {w('open')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {me.role === 'client' && (
        <form className="card" onSubmit={(e) => void create(e)}>
          <h2>{w('new_case')}</h2>
          <Field label={w('case_title')}>{(id) => <input id={id} maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />}</Field>
          <button type="submit">{w('create')}</button>
        </form>
      )}
      {me.role === 'admin' && <AdminPanel me={me.id} />}
      <ChangePassword onChanged={onPasswordChanged} />
    </div>
  );
}

function ChangePassword({ onChanged }: { onChanged: () => void }) {
  const w = useW();
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST', '/api/auth/password', { old_password: oldPassword, new_password: newPassword });
      onChanged();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <details className="card">
      <summary>{w('change_password')}</summary>
      <form onSubmit={(e) => void submit(e)}>
        <ErrorBox error={error} />
        <Field label={w('old_password')}>{(id) => <input id={id} type="password" autoComplete="current-password" required maxLength={200} value={oldPassword} onChange={(e) => setOld(e.target.value)} />}</Field>
        <Field label={w('new_password')}>{(id) => <input id={id} type="password" autoComplete="new-password" required maxLength={200} value={newPassword} onChange={(e) => setNew(e.target.value)} />}</Field>
        <button type="submit">{w('change_password')}</button>
      </form>
    </details>
  );
}

/** Above the pages inside a case: which case, sharing (its owner), switch case, log out. */
function CaseBar({ me, current, onSwitch, onLogout }: { me: Me; current: CaseInfo; onSwitch: () => void; onLogout: () => void }) {
  const w = useW();
  const [open, setOpen] = useState(false);
  return (
    <section className="case-bar" aria-label={w('current_case')} data-testid="case-bar">
      <div className="actions">
        <span>
          {w('current_case')}: <strong data-testid="case-title">{current.title || w('untitled')}</strong>
          {current.access === 'shared' && current.owner && (
            <span className="hint">
              {' '}
              （{w('shared_from')} {current.owner}）
            </span>
          )}
        </span>
        {current.access === 'owner' && (
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {w('sharing')}
          </button>
        )}
        <button type="button" onClick={onSwitch}>
          {w('switch_case')}
        </button>
        <span className="hint">
          {me.username}（{roleName(w, me.role)}）
        </span>
        <button type="button" onClick={onLogout}>
          {w('logout')}
        </button>
      </div>
      {current.access === 'shared' && <p className="hint">{w('shared_note')}</p>}
      {open && <Sharing caseId={current.id} />}
    </section>
  );
}

interface Share {
  account_id: string;
  username: string;
  role: Me['role'];
  created_at: string;
}
interface AccessEntry {
  seq: number;
  at: string;
  account: string;
  role: Me['role'];
  method: string;
  path: string;
}

function Sharing({ caseId }: { caseId: string }) {
  const w = useW();
  const lang = useLang();
  const [shares, setShares] = useState<Share[]>([]);
  const [log, setLog] = useState<{ entries: AccessEntry[]; verify: { intact: boolean } } | undefined>();
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const base = `/api/cases/${encodeURIComponent(caseId)}`;
  const load = useCallback(() => {
    api<Share[]>('GET', `${base}/shares`).then(setShares, (e: ApiError) => setError(e));
    api<{ entries: AccessEntry[]; verify: { intact: boolean } }>('GET', `${base}/access-log`).then(setLog, (e: ApiError) => setError(e));
  }, [base]);
  useEffect(load, [load]);
  const share = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST', `${base}/shares`, { username: name.trim() });
      setName('');
      setError(undefined);
      load();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <div className="card" data-testid="sharing">
      <ErrorBox error={error} />
      <form onSubmit={(e) => void share(e)} className="row">
        <Field label={w('share_with')}>{(id) => <input id={id} autoCapitalize="none" spellCheck={false} required maxLength={64} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
        <div className="field">
          <button type="submit">{w('share')}</button>
        </div>
      </form>
      <h3>{w('shared_with')}</h3>
      {shares.length === 0 ? (
        <p className="hint">{w('not_shared')}</p>
      ) : (
        <ul data-testid="shares">
          {shares.map((s) => (
            <li key={s.account_id}>
              {s.username}（{roleName(w, s.role)}） <span className="hint">{shortDate(s.created_at)}</span>{' '}
              <button type="button" className="link" onClick={() => void api('DELETE', `${base}/shares/${encodeURIComponent(s.account_id)}`).then(load, (e: ApiError) => setError(e))}>
                {w('revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{w('access_log')}</h3>
      {log && (
        <>
          <p className={log.verify.intact ? 'hint ok' : 'error'}>{log.verify.intact ? w('log_intact') : w('log_broken')}</p>
          {log.entries.length === 0 ? (
            <p className="hint">{w('no_access')}</p>
          ) : (
            <div className="scroll">
              <table className="access-log" data-testid="access-log">
                <tbody>
                  {log.entries.map((e) => (
                    <tr key={e.seq}>
                      <td>{new Date(e.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}</td>
                      <td>
                        {e.account}（{roleName(w, e.role)}）
                      </td>
                      <td>
                        {e.method} {e.path}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
