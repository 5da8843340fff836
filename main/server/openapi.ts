import { z } from 'zod';
import { API_PREFIX, operations, pathParams } from '../../shared/api/contract';
import { errorStatus } from '../../shared/api/errors';

type Json = Record<string, unknown>;

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
      ...(op.permission ? { security: [{ bearer: [] }], 'x-permission': op.permission } : { security: [] }),
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
    get: { operationId: 'events.stream', summary: 'Server-Sent Events: every core event as it happens', security: [{ bearer: [] }], responses: { 200: { description: 'text/event-stream' } } },
  };
  paths[`${API_PREFIX}/instances/{id}/log.txt`] = {
    get: {
      operationId: 'instances.log-download', summary: 'The whole log of an instance as text (system lines start with "# taskdeck: ")', security: [{ bearer: [] }],
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
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
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
