import { API_PREFIX } from '../../shared/api/contract';
import { ApiFailure } from '../../shared/api/http-transport';
import { api, ApiError } from './client';

/**
 * Save an instance's whole log as a file (browser mode only: the desktop app has no HTTP door).
 * The body is held in memory as a Blob before it is saved; multi-GB logs want a streaming save
 * (File System Access API) later.
 */
export async function downloadInstanceLog(id: string): Promise<void> {
  let res: Response;
  try {
    res = await api.http.open('GET', `${API_PREFIX}/instances/${encodeURIComponent(id)}/log.txt`);
  } catch (err) {
    if (err instanceof ApiFailure) throw new ApiError(err.body.error.code, err.body.error.message, err.status);
    throw err;
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
