import { z } from 'zod';
import { API_PREFIX, operations, pathParams, type Operation, type OpName } from '../../shared/api/contract';
import { errorStatus } from '../../shared/api/errors';
import { SIGNATURE_HEADERS, SIGNATURE_WINDOW_SECONDS } from '../../shared/api/request-signing';
import { errorAnswers, errorResponses, type ErrorStatus } from './openapi-errors';

type Json = Record<string, unknown>;


/** Security level 1's scheme: five headers sent together (OpenAPI has no HMAC scheme; each header is an apiKey). */
const signedHeaders = {
  signedKey: [SIGNATURE_HEADERS.key, 'The credential\'s id: the part of `<id>.<secret>` before the dot. The secret is never sent.'],
  signedTimestamp: [SIGNATURE_HEADERS.timestamp, `Unix time in seconds; refused (signature_stale) more than ${SIGNATURE_WINDOW_SECONDS} s from the server's clock.`],
  signedNonce: [SIGNATURE_HEADERS.nonce, '16 to 64 characters of A-Z a-z 0-9 _ -, new for every request; a nonce seen in the last 10 minutes is refused (signature_replayed).'],
  signedContentSha256: [SIGNATURE_HEADERS.contentSha256, 'Lower-case hex SHA-256 of the body as sent (of the empty string when there is none).'],
  signedSignature: [
    SIGNATURE_HEADERS.signature,
    'Lower-case hex HMAC-SHA256, keyed by the secret, of the lines `TASKDECK-HMAC-SHA256`, METHOD, path with query, timestamp, nonce, body SHA-256, joined by "\\n". Required at security level 1 (GET /health says which); a bad one is signature_invalid.',
  ],
} as const;

/** Either a bearer token (level 0) or the signed headers together (either level; the only way at level 1). */
const credentialed = [{ bearer: [] }, Object.fromEntries(Object.keys(signedHeaders).map((k) => [k, []]))];

/** What each resource (the first part of an operation's name) is, for the document's tags. */
const TAGS: Record<string, string> = {
  system: 'Health, first-run setup and backups',
  auth: 'Sign-in and the current session',
  users: 'Users and their roles',
  roles: 'Built-in and custom roles with their permissions',
  hosts: 'SSH hosts (executor processors) and their pinned host keys',
  groups: 'Executor groups',
  bindings: 'Weighted bindings of hosts to groups',
  runs: 'Ad-hoc runs of a command on hosts',
  instances: 'Task instances: one run on one host, with its log',
  tasks: 'Scheduled and one-off tasks',
  dashboard: 'Daily status',
  processes: 'Approval processes and their priority',
  permissions: 'Run permissions granted by approved applications',
  requests: 'Change requests and their decisions',
  jobs: 'Jobs and steps, oVirt\'s view of tracked work',
  task_manager: 'The same jobs, ScyllaDB task manager\'s view',
  audit: 'The keyed, anchored audit log',
  events: 'Live core events',
  keys: 'Signing keys: yours and this console\'s (public halves only)',
  trust: 'The trust store of other consoles\' and approvers\' public keys',
  bundles: 'Request and decision bundles for offline review',
  reviews: 'Requests from other consoles imported for review',
  tokens: 'API tokens for plug-ins, with scopes',
  notifications: 'Your notification centre: reminders and alerts',
  reminders: 'When approvers and requesters are reminded before a window lapses',
  channels: 'Alert channels: the notification centre, desktop, and outgoing webhooks',
  'alert-rules': 'Which events of a task (or of every task) alert which channel',
  deliveries: 'The delivery log of alerts, with each attempt',
};

function schema(s: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

function tagOf(name: string): string {
  return name.split('.')[0]!;
}

/** The document's tags: each resource with its description (one missing from TAGS is listed bare, and the lint test names it). */
function tagList(names: readonly string[]): Json[] {
  const all = [...new Set([...Object.keys(TAGS), ...names.map(tagOf)])];
  return all.map((name) => (Object.hasOwn(TAGS, name) ? { name, description: TAGS[name] } : { name }));
}

function refs(statuses: readonly ErrorStatus[]): Json {
  return Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/${errorResponses[s].name}` }]));
}

function success(op: Operation): Json {
  const content = op.stream
    ? { [op.stream]: { schema: { type: 'string' } } }
    : { 'application/json': { schema: schema(op.output, 'output') } };
  return { [String(op.status ?? 200)]: { description: op.stream ? `the whole body, sent in chunks as it is read` : 'success', content } };
}

function operationEntry(name: OpName, op: Operation): Json {
  const input = schema(op.input, 'input') as { properties?: Record<string, Json>; required?: string[] };
  const params = pathParams(op.path);
  const props = input.properties ?? {};
  const parameters: Json[] = params.map((p) => ({ name: p, in: 'path', required: true, schema: props[p] ?? { type: 'string' } }));
  const bodyProps = Object.fromEntries(Object.entries(props).filter(([k]) => !params.includes(k)));
  const hasBody = op.method === 'POST' || op.method === 'PUT';
  if (!hasBody) {
    for (const [k, v] of Object.entries(bodyProps)) parameters.push({ name: k, in: 'query', required: input.required?.includes(k) ?? false, schema: v });
  }
  const entry: Json = {
    operationId: name,
    summary: op.summary,
    tags: [tagOf(name)],
    ...(op.permission ? { security: credentialed, 'x-permission': op.permission, description: `Needs the \`${op.permission}\` permission.` } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    responses: { ...success(op), ...refs(errorAnswers(name, op)) },
  };
  if (hasBody) {
    const required = (input.required ?? []).filter((k) => !params.includes(k));
    // A field the operation does not take is refused (dispatch), not dropped: the schema says so (an intersection's
    // fields are in its allOf, which additionalProperties would not see, so it says nothing there).
    entry.requestBody = { required: true, content: { 'application/json': { schema: { ...input, properties: bodyProps, required, ...(input.properties ? { additionalProperties: false } : {}) } } } };
  }
  return entry;
}

/** The Server-Sent Events door: not an operation of the contract (it has no input and no single answer). */
function eventsEntry(): Json {
  return {
    operationId: 'events.stream',
    summary: 'Server-Sent Events: every core event as it happens; a client 1 MiB behind gets `event: dropped` and is let go',
    tags: ['events'],
    security: credentialed,
    description: 'Needs the `read` permission.',
    responses: { 200: { description: 'the event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...refs([401, 403, 500]) },
  };
}

function components(used: ReadonlySet<ErrorStatus>): Json {
  const responses = Object.fromEntries([...used].sort((a, b) => a - b).map((s) => {
    const r = errorResponses[s];
    return [r.name, {
      description: r.description,
      ...(r.retryAfter ? { headers: { 'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } } } } : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    }];
  }));
  return {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'A session token from POST /auth/login (or /setup) or an API token (`<id>.<secret>`); refused at security level 1.' },
      ...Object.fromEntries(Object.entries(signedHeaders).map(([k, [name, description]]) => [k, { type: 'apiKey', in: 'header', name, description }])),
    },
    responses,
    schemas: {
      Error: {
        type: 'object',
        description: 'Every error answer: a code (one HTTP status each), a message a user can act on, and details when there are any (the fields of a validation error, `retry_after_seconds`)',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string', enum: Object.keys(errorStatus) }, message: { type: 'string' }, details: {} },
          },
        },
      },
    },
  };
}

/** OpenAPI 3.1 document generated from the operations table, with every operation's error answers. */
export function openApiDocument(version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  const used = new Set<ErrorStatus>([401, 403, 500]);
  for (const [name, op] of Object.entries(operations) as [OpName, Operation][]) {
    for (const s of errorAnswers(name, op)) used.add(s);
    (paths[API_PREFIX + op.path] ??= {})[op.method.toLowerCase()] = operationEntry(name, op);
  }
  paths[`${API_PREFIX}/events`] = { get: eventsEntry() };
  const tags = tagList(Object.keys(operations));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Taskdeck local API',
      version,
      description: 'The local API of a Taskdeck console, on 127.0.0.1 only: a request whose Host header is not a loopback name is refused (403). Errors are `{"error": {"code", "message", "details"?}}`.',
      license: { name: 'UNLICENSED', identifier: 'LicenseRef-Taskdeck-Proprietary' },
    },
    servers: [{ url: 'http://127.0.0.1:{port}', description: 'the console on this machine', variables: { port: { default: '7420', description: 'the port given to `taskdeck serve --port`' } } }],
    security: credentialed,
    tags,
    paths,
    components: components(used),
  };
}
