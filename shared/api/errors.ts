/** Error codes that cross the wire; each maps to one HTTP status. */
export const errorStatus = {
  validation: 400,
  unauthorized: 401,
  /** An API token used after an admin revoked it. */
  token_revoked: 401,
  /** An API token used after its expiry. */
  token_expired: 401,
  /** Security level 1: the request carries no signature (or not all of its headers). */
  signature_missing: 401,
  /** Security level 1: the signature does not match the request (wrong key, or method, path, body or headers changed). */
  signature_invalid: 401,
  /** Security level 1: the request's timestamp is more than 5 minutes from the server's clock. */
  signature_stale: 401,
  /** Security level 1: this nonce was already used inside the time window (a replay). */
  signature_replayed: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  /** A wait ended by its timeout before what it waited for. */
  timeout: 408,
  payload_too_large: 413,
  too_many_requests: 429,
  host_key_unknown: 409,
  host_key_mismatch: 409,
  ssh_auth: 502,
  ssh_connect: 502,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly details?: unknown };
}

/** An error that is a value at the boundary: a code, a message a user can act on, optional details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorStatus, value); // `in` would accept 'constructor'
}

export function notFound(what: string, id: string | number): AppError {
  return new AppError('not_found', `${what} ${id} not found`);
}
