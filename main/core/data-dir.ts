import os from 'node:os';
import path from 'node:path';

/** The data folder: --data-dir, TASKDECK_DATA_DIR, or the user's config folder (`~/.config/Taskdeck` on Linux). */
export function resolveDataDir(flag: string | undefined, env = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.TASKDECK_DATA_DIR) return path.resolve(env.TASKDECK_DATA_DIR);
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Taskdeck');
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Taskdeck');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'Taskdeck');
}
