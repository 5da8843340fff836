import { stream } from './session-call';

/** Text gathered before it is folded into the Blob: the browser keeps a large Blob out of the JS heap (on disk if need be). */
const FOLD_CHARS = 8 * 1024 * 1024;

/**
 * Save an instance's whole log as a file, in the desktop app (IPC) and in browser mode (HTTP) alike: the log arrives
 * as a stream, is gathered into a Blob a few MB at a time, and handed to the browser's download.
 */
export async function downloadInstanceLog(id: string): Promise<void> {
  let blob = new Blob([], { type: 'text/plain;charset=utf-8' });
  let parts: string[] = [];
  let chars = 0;
  const fold = (): void => {
    blob = new Blob([blob, ...parts], { type: blob.type });
    parts = [];
    chars = 0;
  };
  await stream('instances.log-download', { id }, (text) => {
    parts.push(text);
    chars += text.length;
    if (chars >= FOLD_CHARS) fold();
  });
  fold();
  const url = URL.createObjectURL(blob);
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
