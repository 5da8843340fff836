// The browser-mode server as `npm start` runs it: a child that ends with its parent, however the parent ends.
import { spawn } from 'node:child_process';

/**
 * Run `node …argv` (a `serve` entry) in its own process group (not on Windows), so a Ctrl+C reaches it once: through
 * us. Its own group also means it would outlive a parent killed by SIGKILL, which no handler here can see; so it gets
 * an IPC channel, which the OS closes when the parent dies, and `taskdeck serve` stops when its channel closes.
 */
export function spawnServeChild(argv, options = {}) {
  return spawn(process.execPath, argv, {
    ...options,
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: process.platform !== 'win32',
  });
}
