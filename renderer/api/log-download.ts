import { saveStreamed } from './stream-save';

/** Save an instance's whole log as a file (desktop and browser mode alike). */
export function downloadInstanceLog(id: string): Promise<void> {
  return saveStreamed('instances.log-download', { id }, `instance-${id}.log`, 'text/plain;charset=utf-8');
}
