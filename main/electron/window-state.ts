import fs from 'node:fs';
import path from 'node:path';
import type { Rectangle } from 'electron';

/** What is remembered of the main window between runs (`window-state.json` in the data folder). */
export interface WindowState {
  /** Bounds in the normal (not maximized) state. */
  readonly bounds: Rectangle;
  readonly maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
const MIN_SIZE = { width: 800, height: 560 } as const;
/** How much of the window must overlap a display for it to count as visible there. */
const MIN_VISIBLE = { width: 160, height: 80 } as const;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** The saved state, or null when the file is missing or not what we wrote. */
export function readWindowState(file: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const s = raw as { bounds?: Partial<Record<keyof Rectangle, unknown>>; maximized?: unknown } | null;
  const b = s?.bounds;
  if (!b || !isInt(b.x) || !isInt(b.y) || !isInt(b.width) || !isInt(b.height) || b.width <= 0 || b.height <= 0) return null;
  return { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: s.maximized === true };
}

/** Written to a temporary file and renamed, so a crash never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function centred(size: { width: number; height: number }, area: Rectangle): Rectangle {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/**
 * Bounds to open the window with: the saved ones moved and shrunk into the display they overlap most, or
 * centred on the primary display when they are on no display any more (a monitor was unplugged).
 */
export function fitToDisplays(saved: WindowState | null, workAreas: readonly Rectangle[], primary: Rectangle): WindowState {
  if (!saved) return { bounds: centred(DEFAULT_SIZE, primary), maximized: false };
  let best: Rectangle | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const o = overlap(saved.bounds, area);
    if (o.width >= Math.min(MIN_VISIBLE.width, saved.bounds.width) && o.height >= Math.min(MIN_VISIBLE.height, saved.bounds.height) && o.width * o.height > bestArea) {
      best = area;
      bestArea = o.width * o.height;
    }
  }
  const size = { width: Math.max(saved.bounds.width, MIN_SIZE.width), height: Math.max(saved.bounds.height, MIN_SIZE.height) };
  if (!best) return { bounds: centred(size, primary), maximized: saved.maximized };
  const width = Math.min(size.width, best.width);
  const height = Math.min(size.height, best.height);
  const x = Math.min(Math.max(saved.bounds.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(saved.bounds.y, best.y), best.y + best.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}
