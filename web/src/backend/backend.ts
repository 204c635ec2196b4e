/**
 * The Backend the pages talk to, and the one in use. A call is one request of the HTTP API's
 * contract (method, path, JSON or form body → JSON answer; errors as ApiError): the HTTP
 * backend (http.ts) sends it to `dunguard serve`, the local backend (local.ts) answers it in
 * the browser itself — the check in a Web Worker — and answers what it cannot do yet with a
 * plain "not in the offline app yet" error. The entry point installs one backend before the
 * first render; pages reach it only through api.ts, never by importing a backend.
 */

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

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Backend {
  /** Which kind: the page shows a little less where a feature needs the computer version. */
  readonly kind: 'http' | 'local';
  /** Served by `dunguard serve --multi-user`: accounts and cases (the record page offers no package import there). */
  readonly multiUser?: boolean;
  /** One API call: JSON (or FormData) body in, the JSON answer out; failures as ApiError. */
  call<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T>;
  /** A file answer (PDF, zip, vCard), handed to the browser as a download. */
  download(method: Method, path: string, body: unknown, fallbackName: string): Promise<{ name: string; size: number }>;
  /** An evidence image as an object URL for an <img>. */
  imageUrl(sha256: string): Promise<string>;
  /**
   * A screenshot shared to the app from another app (offline app only: Web Share Target), taken
   * once: undefined when none was shared, null when a share arrived without a readable image.
   */
  sharedScreenshot?(): Promise<File | null | undefined>;
  /**
   * Starts the screenshot reader ahead of the first screenshot, while the person is still choosing
   * one (offline app only; on a computer the server's reader is started by the server).
   */
  warmOcr?(): void;
  /**
   * Loads the check ahead of the first message, once the check page is on screen (offline app
   * only: its engine is loaded in the page's worker; the server's is loaded by the server).
   */
  warmCheck?(): void;
}

let current: Backend | undefined;

export function installBackend(b: Backend): void {
  current = b;
}

export function backend(): Backend {
  if (current === undefined) throw new Error('no backend installed: the entry point installs one before rendering');
  return current;
}

/** The answer for a feature the offline app does not have yet. */
export function notOffline(): ApiError {
  return new ApiError(
    501,
    'NOT_OFFLINE',
    '离线版暂不支持这项功能，请使用电脑版（在电脑上运行 dunguard serve）。',
    'The offline app cannot do this yet: use the computer version (dunguard serve on a computer).',
  );
}

/** Hands a blob to the browser as a download; the file is never opened in the page. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
