/** The messages between the page and the check worker (check.worker.ts). */

/** Same fields as the body of POST /api/check (src/server/schemas.ts CheckRequest). */
export interface CheckRequestBody {
  text: string;
  /** Check claims against the debt ledger on the phone (default: yes, when it has debts). */
  use_ledger?: boolean;
  number?: string;
  date?: string;
  answers?: { company?: string | null; employee_no?: string | null; contract_no?: string | null; platform?: string | null };
}

/** A file of an upload (POST /api/events/:id/evidence), read in the page. */
export interface UploadedFile {
  name: string;
  type: string;
  bytes: ArrayBuffer;
}

/** A record request of the HTTP API's contract, answered in the worker (record-local.ts). */
export interface RecordCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  files?: UploadedFile[];
}

/** A record answer that is a file (the evidence package, an evidence image). */
export interface RecordFileAnswer {
  file: { name: string; type: string; bytes: Uint8Array };
}

/**
 * What the worker is asked: a check, a law search (GET /api/law), the common questions (GET
 * /api/law/faq), a record call, to open the record ahead of the record page's first calls
 * (`warm`: the app opened on the record page; answered with null once the record is open), or to
 * load the engine ahead of the first check (`warm-engine`: the check page is on screen;
 * answered with null once it is loaded, or failed to load).
 */
export type WorkerCall = { op: 'check'; body: CheckRequestBody } | { op: 'law'; query: { q?: string; date?: string } } | { op: 'faq' } | ({ op: 'record' } & RecordCall) | { op: 'warm' } | { op: 'warm-engine' };

export type CheckAsk = { id: number } & WorkerCall;

export type CheckReply = { id: number; result: unknown } | { id: number; error: { status: number; code: string; zh: string; en: string } };
