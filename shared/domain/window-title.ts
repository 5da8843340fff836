/** The app's name as the window and the browser tab show it. */
export const appTitle = 'Taskdeck';

/**
 * The window title for how many requests wait for the signed-in user's decision: "(3) Taskdeck",
 * or "Taskdeck" when none wait or the count is not known. The renderer sets it; the desktop shell
 * reads the badge back from it, so the count has one source.
 */
export function windowTitle(waiting: number | null): string {
  return waiting && waiting > 0 ? `(${waiting > 99 ? '99+' : waiting}) ${appTitle}` : appTitle;
}

/** The badge count a window title carries (0 when it carries none); "99+" counts as 100 so the badge still says more than 99. */
export function waitingFromTitle(title: string): number {
  const m = /^\((\d{1,2}|99\+)\) /.exec(title);
  if (!m) return 0;
  return m[1] === '99+' ? 100 : Number(m[1]);
}
