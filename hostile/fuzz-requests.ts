/** Turning a generated input into the HTTP request the contract describes, and judging the reply. */
import { API_PREFIX, pathParams, type Operation } from '../shared/api/contract';
import { isErrorBody, type RawRequest, type Reply } from './api-client';

/** Codes the contract answers with a 5xx on purpose: a remote host's fault, or the console saying it is degraded. */
const EXPECTED_5XX = new Set(['ssh_auth', 'ssh_connect', 'unavailable']);

/** Node's HTTP parser refuses request lines past ~16 KB (431, then a reset) before the app sees them: URL values are clipped; huge text goes in bodies. */
const MAX_URL_VALUE = 4096;

function text(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

/** Clipped, with lone surrogates (which a URL cannot encode: encodeURIComponent throws) replaced as a browser would. */
function urlText(v: unknown): string {
  return text(v).slice(0, MAX_URL_VALUE).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Fill path params (URL-encoded), put the rest in the query (GET, DELETE) or a JSON body. */
export function requestFor(op: Operation, input: Record<string, unknown>, token: string | undefined): RawRequest {
  const rest: Record<string, unknown> = { ...input };
  let p = op.path;
  for (const name of pathParams(op.path)) {
    p = p.replace(`{${name}}`, encodeURIComponent(urlText(rest[name])));
    delete rest[name];
  }
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (op.method === 'GET' || op.method === 'DELETE') {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) q.append(k, urlText(v));
    const qs = q.toString();
    return { method: op.method, path: `${API_PREFIX}${p}${qs ? `?${qs}` : ''}`, headers };
  }
  return { method: op.method, path: `${API_PREFIX}${p}`, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(rest) };
}

/** Fill path params with raw (already encoded) text, for hostile path tests. */
export function rawPath(op: Operation, value: string): string {
  return API_PREFIX + op.path.replace(/\{\w+\}/g, value);
}

/** What is wrong with a reply, or undefined: no unplanned 5xx, and every error in the contract's shape. */
export function replyProblem(r: Reply): string | undefined {
  const code = isErrorBody(r.json) ? (r.json as { error: { code: string } }).error.code : undefined;
  if (r.status >= 500 && !(code && EXPECTED_5XX.has(code))) return `HTTP ${r.status}${code ? ` (${code})` : ''}`;
  if (r.status >= 400 && !isErrorBody(r.json)) return `HTTP ${r.status} without an {error:{code,message}} body`;
  return undefined;
}

export function describeRequest(actor: string, r: RawRequest, reply?: Reply): string {
  const body = typeof r.body === 'string' ? r.body.slice(0, 300) : '';
  return `${actor} ${r.method} ${r.path.slice(0, 300)} ${body}${reply ? ` -> ${reply.status} ${reply.text.slice(0, 300)}` : ''}`;
}
