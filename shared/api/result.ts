// Every API call answers with a Result: errors are values, never exceptions across the boundary.

export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'no_project',
  'db_newer',
  /** The file is an SQLite database or something else, but not a Biaozhu project; it was not changed. */
  'not_a_project',
  /** The project file is damaged (integrity check failed or truncated); it opens read-only. */
  'damaged',
  /** The project is open read-only (damaged, a read-only file, or held by another process): writes are refused. */
  'read_only',
  /** Another process holds the project for writing. */
  'locked',
  /** Another write of this process (an import commit) held the project past the wait; retrying later works. */
  'busy',
  /** Input over a size limit (request body, unzipped document, nesting depth). */
  'too_large',
  'io',
  'cancelled',
  'unknown_channel',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Structured context: which field, file or line was wrong. */
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The registry and the core's host build every result with these two. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Thrown inside handlers; the registry turns it into { ok: false }. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}
