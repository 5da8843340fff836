import type { OpInput, StreamOpName } from '../../shared/api/contract';
import { saveBlob } from '../lib/save-text';
import { stream } from './session-call';

/** Text gathered before it is folded into the Blob: the browser keeps a large Blob out of the JS heap (on disk if need be). */
const FOLD_CHARS = 8 * 1024 * 1024;

/**
 * Save a stream operation's answer as a file, in the desktop app (IPC) and in browser mode (HTTP) alike: the text
 * arrives a piece at a time, is gathered into a Blob a few MB at a time, and handed to the browser's download.
 */
export async function saveStreamed<K extends StreamOpName>(name: K, input: OpInput<K>, fileName: string, type: string): Promise<void> {
  let blob = new Blob([], { type });
  let parts: string[] = [];
  let chars = 0;
  const fold = (): void => {
    blob = new Blob([blob, ...parts], { type: blob.type });
    parts = [];
    chars = 0;
  };
  await stream(name, input, (text) => {
    parts.push(text);
    chars += text.length;
    if (chars >= FOLD_CHARS) fold();
  });
  fold();
  saveBlob(blob, fileName);
}
