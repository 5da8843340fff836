import { API_PREFIX } from '../../shared/api/contract';
import type { ErrorBody } from '../../shared/api/errors';
import { ApiError, credentialHeaders } from './client';

/**
 * Save an instance's whole log as a file (browser mode only: the desktop app has no HTTP door).
 * The body is held in memory as a Blob before it is saved; multi-GB logs want a streaming save
 * (File System Access API) later.
 */
export async function downloadInstanceLog(id: string, token: string): Promise<void> {
  const pathWithQuery = `${API_PREFIX}/instances/${encodeURIComponent(id)}/log.txt`;
  let res: Response;
  try {
    res = await fetch(pathWithQuery, { headers: await credentialHeaders(token, { method: 'GET', pathWithQuery, body: undefined }) });
  } catch {
    throw new ApiError('network', 'cannot reach the Taskdeck service; is it still running?', 0);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    throw new ApiError(body?.error.code ?? 'internal', body?.error.message ?? `HTTP ${res.status}`, res.status);
  }
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = `instance-${id}.log`;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // The click has handed the Blob to the download; give it a moment before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
