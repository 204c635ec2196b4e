/**
 * Talking to the local dunguard server. Every request carries the per-install token (given
 * to the page in a meta tag on this machine, or typed/linked as #token=… from another
 * device); errors arrive as { error: { code, zh, en } } and become ApiError.
 */
import type { CheckResult, NumberInfo } from '../../src/engine/schemas/result.js';
import type { StoredEvent, EvidenceFile } from '../../src/record/schemas.js';
import type { HarassmentReport } from '../../src/record/harassment.js';
import type { Debt } from '../../src/ledger/schemas.js';
import type { DebtCost } from '../../src/ledger/cost.js';
import type { Letter } from '../../src/act/letter.js';
import type { Provision } from '../../src/engine/schemas/law.js';
import type { DebtWithCost, LedgerSummary } from '../../src/ledger/views.js';

export type { CheckResult, NumberInfo, StoredEvent, EvidenceFile, HarassmentReport, Debt, DebtCost, Letter, Provision };
export type Bi = { zh: string; en: string };
/** GET /api/verify (src/record/verify.ts VerifyReport; restated here because that module hashes with node:crypto). */
export interface VerifyReport {
  intact: boolean;
  entries: number;
  events: number;
  evidence: number;
  findings: { kind: string; detail: string }[];
  notes: string[];
  head?: { seq: number; hash: string };
}
export type EventRow = StoredEvent & { deleted_at?: string };
export type DebtRow = DebtWithCost;
export type { LedgerSummary };
export interface Channel {
  id: string;
  name: Bi;
  contact: Bi;
  limits: Bi;
  letters: string[];
  source: string;
  strength: string;
}
export interface RouteRow {
  channel: Channel;
  reasons: Bi[];
}
export interface Profile {
  name: string;
  id_tail?: string;
  phone?: string;
}
export interface FaqEntry {
  id: string;
  question: Bi;
  answer: Bi;
  cites: string[];
  cited: { id: string; law: Bi; article: Bi; effective_from: string; effective_to: string | null; strength: string }[];
  sources: string[];
  strength: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

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

async function request(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
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

export async function api<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return (await (await request(method, path, body, signal)).json()) as T;
}

/** A file answer (PDF, zip), handed to the browser as a download; never opened in the page. */
export async function download(method: string, path: string, body: unknown, fallbackName: string): Promise<{ name: string; size: number }> {
  const res = await request(method, path, body);
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name, size: blob.size };
}

/** An evidence image as an object URL for an <img> (the file itself never runs in the page). */
export async function imageUrl(sha256: string): Promise<string> {
  const res = await request('GET', `/api/evidence/${sha256}`);
  return URL.createObjectURL(await res.blob());
}
