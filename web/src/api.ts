/**
 * What the pages call: the API's answer types, and api / download / imageUrl, which go to the
 * backend the entry point installed (backend/http.ts on the computer, backend/local.ts in the
 * offline app). Pages import this file, never a backend.
 */
import { ApiError, backend, type Method } from './backend/backend.js';
import type { CheckResult, NumberInfo } from '../../src/engine/schemas/result.js';
import type { StoredEvent, EvidenceFile } from '../../src/record/schemas.js';
import type { HarassmentReport } from '../../src/record/harassment.js';
import type { Debt } from '../../src/ledger/schemas.js';
import type { DebtCost } from '../../src/ledger/cost.js';
import type { Letter } from '../../src/act/letter.js';
import type { Provision } from '../../src/engine/schemas/law.js';
import type { DebtWithCost, LedgerSummary } from '../../src/ledger/views.js';
import type { EventCountsAnswer } from '../../src/service/event-list.js';

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
/** GET /api/events/counts: what the record page's charts draw. */
export type EventCounts = EventCountsAnswer;
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

export { ApiError };

/** One API call through the backend in use (see backend/backend.ts). */
export function api<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return backend().call<T>(method, path, body, signal);
}

/** A file answer (PDF, zip), handed to the browser as a download; never opened in the page. */
export function download(method: Method, path: string, body: unknown, fallbackName: string): Promise<{ name: string; size: number }> {
  return backend().download(method, path, body, fallbackName);
}

/** Whether the pages run in the offline app (the record is then kept in this browser only). */
export function inBrowserOnly(): boolean {
  return backend().kind === 'local';
}

/** Whether the pages serve the multi-user service (cases on a server database). */
export function multiUserPages(): boolean {
  return backend().multiUser === true;
}

/** Loads the check ahead of the first message (offline app: the check page is on screen). */
export function warmCheck(): void {
  backend().warmCheck?.();
}

/** Starts reading screenshots ahead of the first one (offline app: the person is choosing a file). */
export function warmScreenshotReader(): void {
  backend().warmOcr?.();
}

/** A screenshot shared to the app (offline app, Android's share sheet), taken once; see backend.ts. */
export function sharedScreenshot(): Promise<File | null | undefined> {
  return backend().sharedScreenshot?.() ?? Promise.resolve(undefined);
}

/** An evidence image as an object URL for an <img> (the file itself never runs in the page). */
export function imageUrl(sha256: string): Promise<string> {
  return backend().imageUrl(sha256);
}
