import { API_PREFIX } from '../../shared/api/contract';
import { ApiFailure } from '../../shared/api/http-transport';
import { api, ApiError } from './client';

/**
 * Save the filtered audit log as CSV (browser mode only, like the log download: the desktop app's IPC carries no
 * streams yet). The server streams it a page at a time; the body is gathered into a Blob before it is saved.
 */
export async function downloadAuditCsv(query: URLSearchParams): Promise<void> {
  let res: Response;
  try {
    res = await api.http.open('GET', `${API_PREFIX}/audit.csv${query.size ? `?${query}` : ''}`);
  } catch (err) {
    if (err instanceof ApiFailure) throw new ApiError(err.body.error.code, err.body.error.message, err.status);
    throw err;
  }
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = `taskdeck-audit-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // The click has handed the Blob to the download; give it a moment before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
