import { listNames, type RunPreview } from '../../../shared/domain/run-safety';

/** What the confirmation before a run says, and the word to type (null: a click is enough). */
export interface RunConfirmText {
  readonly title: string;
  readonly body: string;
  readonly word: string | null;
  readonly okText: string;
}

/**
 * Whether a run asks before it starts, and what: a typed confirmation when the core's preview asks
 * for one (many hosts, production hosts); a plain one naming the hosts when the same run is started
 * again; none for a first run on a few ordinary hosts.
 */
export function runConfirmText(preview: RunPreview, again: boolean): RunConfirmText | null {
  const names = listNames(preview.hosts.map((h) => h.name), 8);
  const on = `${preview.hosts.length === 1 ? 'host' : `${preview.hosts.length} hosts`}: ${names}`;
  if (preview.confirmation) {
    return { title: again ? 'Run this again?' : 'Confirm this run', body: `${preview.confirmation.reason} It runs on ${on}.`, word: preview.confirmation.word, okText: 'Run' };
  }
  if (again) return { title: 'Run this again?', body: `The same command runs again on ${on}.`, word: null, okText: 'Run again' };
  return null;
}

/** Hosts of a preview the user may not run on: the core would refuse the whole run. */
export function refusedHosts(preview: RunPreview): string[] {
  return preview.hosts.filter((h) => !h.granted).map((h) => h.name);
}
