/**
 * An error meant for the person using dunguard: a stable code, a message in Chinese and in
 * English, and the exit code the CLI uses. The CLI prints it; the HTTP API returns it as
 * `{ error: { code, zh, en } }` with a 4xx status. Never a stack trace.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly exitCode = 2,
    /** What else a --json caller needs to act on it (the import's rows in error): printed as error.details. */
    readonly details?: unknown,
  ) {
    super(en);
  }
}
