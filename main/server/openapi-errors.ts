import type { Operation, OpName } from '../../shared/api/contract';
import { pathParams } from '../../shared/api/contract';

/** The error statuses the API answers with (shared/api/errors.ts maps each code to one of them). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 413 | 429 | 500 | 502 | 503;

interface ErrorResponse {
  /** Its name under components/responses. */
  readonly name: string;
  readonly description: string;
  /** Whether the answer carries `Retry-After`. */
  readonly retryAfter?: boolean;
}

export const errorResponses: Record<ErrorStatus, ErrorResponse> = {
  400: { name: 'BadRequest', description: '`validation`: the input is not valid; `details.fields` names each field and what is wrong with it' },
  401: { name: 'Unauthorized', description: '`unauthorized`: no bearer token, or one that expired or was revoked (for sign-in: a wrong user name or password)' },
  403: { name: 'Forbidden', description: '`forbidden`: the caller lacks the permission or the role this needs, or the Host header does not name a loopback address' },
  404: { name: 'NotFound', description: '`not_found`: what the path or the input names does not exist' },
  408: { name: 'Timeout', description: '`timeout`: the wait ended by its timeout before what it waited for' },
  409: { name: 'Conflict', description: '`conflict` (or `host_key_unknown`, `host_key_mismatch`): the state of what it acts on does not allow it now; the message says why' },
  413: { name: 'PayloadTooLarge', description: '`payload_too_large`: the body is larger than the operation reads (2 MiB unless it says less); the connection closes' },
  429: { name: 'TooManyRequests', description: '`too_many_requests`: sign-in is locked for a while after failures; `Retry-After` says how long', retryAfter: true },
  500: { name: 'InternalError', description: '`internal`: a fault in Taskdeck; the message gives a reference to its log' },
  502: { name: 'SshFailed', description: '`ssh_connect` or `ssh_auth`: the host could not be reached or refused the credentials' },
  503: { name: 'Unavailable', description: '`unavailable`: the store cannot be written (a full disk), Taskdeck is shutting down, or too many anonymous requests wait; try again later', retryAfter: true },
};

/** Answers an operation gives besides what its shape implies (see errorAnswers). */
const SPECIFIC: Partial<Record<OpName, readonly ErrorStatus[]>> = {
  'auth.login': [401, 429, 503],
  'system.setup': [409, 503],
  'hosts.test': [502],
  'task_manager.wait-task': [408, 503],
};

/**
 * The error statuses an operation can answer with, from what it declares: any input can fail validation, a
 * permission can be missing, a path names something that may not exist, a change meets a state that refuses it, a
 * body can be too large. Every request can meet a non-loopback Host (403) or a fault (500).
 */
export function errorAnswers(name: OpName, op: Operation): ErrorStatus[] {
  const hasBody = op.method === 'POST' || op.method === 'PUT';
  const changes = op.method !== 'GET';
  const inputs = pathParams(op.path).length > 0 || hasBody || Object.keys(inputShape(op)).length > 0;
  const out = new Set<ErrorStatus>([403, 500, ...(SPECIFIC[name] ?? [])]);
  if (inputs) out.add(400);
  // Signed-in work can meet a store that cannot be written (a session's use is recorded) or a console shutting down.
  if (op.permission) out.add(401).add(503);
  if (op.permission && (pathParams(op.path).length > 0 || referencesIds(op))) out.add(404);
  if (op.permission && changes) out.add(409);
  if (hasBody) out.add(413);
  return [...out].sort((a, b) => a - b);
}

function inputShape(op: Operation): Record<string, unknown> {
  const shape = (op.input as { shape?: Record<string, unknown> }).shape;
  return shape ?? {};
}

/** An input field that names a stored thing (`host_ids`, `job_id`, …): a 404 when it names none. */
function referencesIds(op: Operation): boolean {
  return Object.keys(inputShape(op)).some((k) => /(^|_)ids?$/.test(k) || k === 'name' || k === 'targets');
}
