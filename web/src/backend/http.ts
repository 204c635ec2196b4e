/**
 * The HTTP backend: every call goes to the local dunguard server with the per-install token
 * (given to the page in a meta tag on this machine, or typed/linked as #token=… from another
 * device); errors arrive as { error: { code, zh, en } } and become ApiError.
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

async function request(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { 'x-dunguard-token': token() };
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
    throw new ApiError(res.status, err.code ?? 'HTTP_' + res.status, err.zh ?? `出错了（${res.status}）`, err.en ?? `Something went wrong (${res.status})`);
  }
  return res;
}

export function httpBackend(): Backend {
  return {
    kind: 'http',
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
