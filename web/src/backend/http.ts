/**
 * The HTTP backend: every call goes to the local dunguard server with the per-install token
 * (given to the page in a meta tag on this machine, or typed/linked as #token=… from another
 * device); errors arrive as { error: { code, zh, en } } and become ApiError.
 *
 * Served by `dunguard serve --multi-user` (it says so in a meta tag), there is no token: the
 * session is an HTTP-only cookie, and a record's calls go to the case chosen with setCase —
 * the pages still ask for /api/events, sent as /api/cases/<id>/events (and /api/ocr, reading a
 * screenshot, as /api/cases/<id>/ocr). A 401 "log in first"
 * there tells the page (onSessionLost) that the session has ended.
 */
import { ApiError, saveBlob, type Backend, type Method } from './backend.js';

const TOKEN_KEY = 'dunguard-token';

/** The token: from the page (loopback), else from #token=… (remembered for this tab only). */
export function token(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="dunguard-token"]')?.content ?? '';
  if (meta) return meta;
  const m = /(?:^#|&)token=([0-9a-f]{64})/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]!);
    history.replaceState(null, '', location.pathname + location.hash.replace(/(?:^#|&)token=[0-9a-f]{64}/, '#'));
    return m[1]!;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** Whether the server is `dunguard serve --multi-user` (accounts, cases). */
export function multiUser(): boolean {
  return document.querySelector<HTMLMetaElement>('meta[name="dunguard-mode"]')?.content === 'multi-user';
}

let caseId: string | undefined;
let sessionLost: (() => void) | undefined;

/** Multi-user: the case a record's calls go to (undefined: none chosen). */
export function setCase(id: string | undefined): void {
  caseId = id;
}

/** Multi-user: called when the server answers that nobody is logged in (the session ended or expired). */
export function onSessionLost(f: (() => void) | undefined): void {
  sessionLost = f;
}

/** Calls that belong to no case: the law, accounts, the case list, administration. */
const OUTSIDE_CASE = /^\/api\/(?:law(?:[/?]|$)|auth\/|me$|cases(?:[/?]|$)|admin\/|classify$)/;

/**
 * Multi-user: a record's path inside the chosen case. A record's call made with no case open (a
 * page's late background call after the person went back to the case list) is refused here, never
 * sent to a path the server does not have.
 */
export function casePath(path: string): string {
  if (!path.startsWith('/api/') || OUTSIDE_CASE.test(path)) return path;
  if (caseId === undefined) throw new ApiError(400, 'NO_CASE', '请先打开一个案件。', 'Open a case first.');
  return `/api/cases/${encodeURIComponent(caseId)}/${path.slice('/api/'.length)}`;
}

async function request(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  const hosted = multiUser();
  if (hosted) path = casePath(path);
  const headers: Record<string, string> = hosted ? {} : { 'x-dunguard-token': token() };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, signal, credentials: 'same-origin' });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'OFFLINE', '连接不上 dunguard：它还在运行吗？', 'Cannot reach dunguard: is it still running?');
  }
  if (!res.ok) {
    let err: { code?: string; zh?: string; en?: string } = {};
    try {
      err = ((await res.json()) as { error?: typeof err }).error ?? {};
    } catch {
      /* not JSON */
    }
    if (hosted && res.status === 401 && err.code === 'NO_SESSION') sessionLost?.();
    throw new ApiError(res.status, err.code ?? 'HTTP_' + res.status, err.zh ?? `出错了（${res.status}）`, err.en ?? `Something went wrong (${res.status})`);
  }
  return res;
}

export function httpBackend(): Backend {
  return {
    kind: 'http',
    multiUser: multiUser(),
    async call<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
      return (await (await request(method, path, body, signal)).json()) as T;
    },
    async download(method, path, body, fallbackName) {
      const res = await request(method, path, body);
      const blob = await res.blob();
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
      saveBlob(blob, name);
      return { name, size: blob.size };
    },
    async imageUrl(sha256) {
      const res = await request('GET', `/api/evidence/${sha256}`);
      return URL.createObjectURL(await res.blob());
    },
  };
}
