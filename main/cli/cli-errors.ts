import type { ErrorBody } from '../../shared/api/errors';

/** A command line that cannot be run as given: exit 2, the message says what to type instead. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The API (or a file the command reads) refused: exit 1 with the code, the message and the fields it names. */
export class CliApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Lines after the first: one per field, with its place in the config file when known. */
    readonly lines: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CliApiError';
  }

  static of(body: ErrorBody, fieldLine: (field: string) => string = (f) => f): CliApiError {
    const fields = (body.error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? [];
    return new CliApiError(body.error.code, body.error.message, fields.map((f) => `  ${fieldLine(f.field)}: ${f.message}`));
  }
}
