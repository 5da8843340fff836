import { z } from 'zod';
import { API_PREFIX, operations, pathParams } from '../../shared/api/contract';
import { errorStatus } from '../../shared/api/errors';
import { SIGNATURE_HEADERS, SIGNATURE_WINDOW_SECONDS } from '../../shared/api/request-signing';

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

function schema(s: z.ZodType, io: 'input' | 'output'): Json {
  return z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
}

/** OpenAPI 3.1 document generated from the operations table. */
export function openApiDocument(version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const [name, op] of Object.entries(operations)) {
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
      tags: [name.split('.')[0]],
      ...(op.permission ? { security: credentialed, 'x-permission': op.permission } : { security: [] }),
      parameters,
      responses: {
        [String(op.status ?? 200)]: { description: 'success', content: { 'application/json': { schema: schema(op.output, 'output') } } },
        default: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    if (hasBody) {
      const required = (input.required ?? []).filter((k) => !params.includes(k));
      entry.requestBody = {
        required: true,
        content: { 'application/json': { schema: { ...input, properties: bodyProps, required } } },
      };
    }
    const path = API_PREFIX + op.path;
    (paths[path] ??= {})[op.method.toLowerCase()] = entry;
  }
  paths[`${API_PREFIX}/events`] = {
    get: { operationId: 'events.stream', summary: 'Server-Sent Events: every core event as it happens', security: credentialed, responses: { 200: { description: 'text/event-stream' } } },
  };
  paths[`${API_PREFIX}/instances/{id}/log.txt`] = {
    get: {
      operationId: 'instances.log-download', summary: 'The whole log of an instance as text (system lines start with "# taskdeck: ")', security: credentialed,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: 'text/plain' } },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Taskdeck local API', version },
    servers: [{ url: 'http://127.0.0.1' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A session token from POST /auth/login or an API token (`<id>.<secret>`); refused at security level 1.' },
        ...Object.fromEntries(Object.entries(signedHeaders).map(([k, [name, description]]) => [k, { type: 'apiKey', in: 'header', name, description }])),
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', enum: Object.keys(errorStatus) }, message: { type: 'string' }, details: {} } },
          },
        },
      },
    },
  };
}
