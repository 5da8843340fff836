import { z } from 'zod';
import { operations, type OpName, type OpOutput } from '../../shared/api/contract';
import { AppError, type ErrorBody } from '../../shared/api/errors';
import { describeZodError } from '../../shared/api/zod-issues';
import type { Handlers } from './handlers';
import type { Logger } from './logger';
import type { AuthService, Caller, Credential } from './services/auth-service';

export type DispatchResult<K extends OpName = OpName> = { ok: true; data: OpOutput<K> } | { ok: false; status: number; body: ErrorBody };

/** For the shell (main/electron), which took the type from here; the core imports it from ./logger. */
export type { Logger } from './logger';

/**
 * An operation's caller, authorised by a transport that must know it before the call (HTTP checks
 * the token before it reads a byte of the body), so that dispatch does not check it again. Made
 * only here: dispatch stays the one place where permissions are checked.
 */
export class Authorized {
  private constructor(
    readonly op: OpName,
    readonly caller: Caller | null,
  ) {}

  /** Throws `unauthorized`/`forbidden` unless the token may call `name`. */
  static check(auth: AuthService, name: OpName, credential: Credential | undefined): Authorized {
    const op = operations[name];
    const personOnly = 'personOnly' in op && op.personOnly === true;
    return new Authorized(name, op.permission ? auth.authorize(credential, op.permission, op.summary.toLowerCase(), personOnly) : null);
  }
}

/** The fields an input schema names at its top level; null when it takes others too (a catch-all). */
function fieldsOf(schema: z.ZodType): ReadonlySet<string> | null {
  if (schema instanceof z.ZodObject) {
    const rest = schema._zod.def.catchall;
    return rest === undefined || rest instanceof z.ZodNever ? new Set(Object.keys(schema.shape)) : null;
  }
  if (schema instanceof z.ZodIntersection) {
    const [a, b] = [fieldsOf(schema._zod.def.left as z.ZodType), fieldsOf(schema._zod.def.right as z.ZodType)];
    return a && b ? new Set([...a, ...b]) : null;
  }
  return null;
}

const fieldsOfOp = new Map<OpName, ReadonlySet<string> | null>();

/**
 * A field the operation does not take is refused, not dropped: a misspelt option (`max_paralel`,
 * `?stat=failed`) would otherwise be ignored without a word, and the call run as if it were not there.
 */
function refuseUnknownFields(name: OpName, input: unknown): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return;
  if (!fieldsOfOp.has(name)) fieldsOfOp.set(name, fieldsOf(operations[name].input));
  const known = fieldsOfOp.get(name);
  if (!known) return;
  const unknown = Object.keys(input).filter((k) => !known.has(k));
  if (!unknown.length) return;
  const list = unknown.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 64))).join(', ') + (unknown.length > 5 ? `, and ${unknown.length - 5} more` : '');
  const takes = known.size ? `it takes ${[...known].join(', ')}` : 'it takes none';
  throw new AppError('validation', `${unknown.length === 1 ? 'unknown field' : 'unknown fields'} ${list}: ${takes}`, {
    fields: unknown.slice(0, 20).map((k) => ({ field: k.slice(0, 64), message: 'not a field of this operation' })),
  });
}

/** Validate, authorise and run one operation. Every transport goes through here; errors come back as values. */
export function createDispatcher(handlers: Handlers, auth: AuthService, log: Logger) {
  /**
   * `credential`: the caller's token, or the caller already authorised for this operation.
   * `client` names where the call comes from when the transport knows it (the remote address over HTTP): sign-ins are throttled per client.
   */
  return async function dispatch<K extends OpName>(name: K, rawInput: unknown, credential: string | undefined | Authorized, client?: string): Promise<DispatchResult<K>> {
    const op = Object.hasOwn(operations, name) ? operations[name] : undefined; // not `constructor` from the prototype
    try {
      if (!op) throw new AppError('not_found', `no operation named ${String(name)}`);
      if (credential instanceof Authorized && credential.op !== name) throw new AppError('internal', `a caller authorised for ${credential.op} was passed to ${name}`);
      const { caller } = credential instanceof Authorized ? credential : Authorized.check(auth, name, credential);
      if (caller) auth.noteTokenUse(caller, name, op.method !== 'GET');
      refuseUnknownFields(name, rawInput);
      const parsed = op.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        const d = describeZodError(parsed.error);
        throw new AppError('validation', d.message, { fields: d.fields });
      }
      const handler = handlers[name] as (input: unknown, caller: Caller | null, client: string | undefined) => unknown;
      const data = (await handler(parsed.data, caller, client)) as OpOutput<K>;
      return { ok: true, data };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, status: err.status, body: err.toBody() };
      const id = Math.random().toString(36).slice(2, 10);
      log('error', `operation ${String(name)} failed`, { id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      const e = new AppError('internal', `internal error (reference ${id}); see the Taskdeck log`);
      return { ok: false, status: 500, body: e.toBody() };
    }
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;
