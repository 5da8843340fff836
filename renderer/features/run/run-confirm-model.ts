import type { TFunction } from 'i18next';
import { PRODUCTION, type RunPreview } from '../../../shared/domain/run-safety';
import { nameListT } from '../../lib/name-list';

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
export function runConfirmText(preview: RunPreview, again: boolean, t: TFunction): RunConfirmText | null {
  const names = nameListT(preview.hosts.map((h) => h.name), 8, t);
  const on = preview.hosts.length === 1 ? t('run.confirm.onHost', { names }) : t('run.confirm.onHosts', { n: preview.hosts.length, names });
  if (preview.confirmation) {
    const title = again ? t('run.confirm.again') : t('run.confirm.first');
    return { title, body: t('run.confirm.itRunsOn', { reason: confirmReason(preview, t), on }), word: preview.confirmation.word, okText: t('run.confirm.run') };
  }
  if (again) return { title: t('run.confirm.again'), body: t('run.confirm.sameAgain', { on }), word: null, okText: t('run.confirm.runAgain') };
  return null;
}

/**
 * Why the core asks for a typed word, in the reader's language: from the preview's facts (production
 * hosts, or the number of hosts asked for); the core's own sentence for a word this console does not know.
 */
export function confirmReason(preview: RunPreview, t: TFunction): string {
  const word = preview.confirmation?.word;
  const prod = preview.hosts.filter((h) => h.production).map((h) => h.name);
  if (word === PRODUCTION && prod.length) return t('run.confirm.reasonProd', { count: prod.length, names: nameListT(prod, 5, t) });
  if (word === String(preview.hosts.length)) return t('run.confirm.reasonMany', { n: preview.hosts.length });
  return preview.confirmation?.reason ?? '';
}

/** Hosts of a preview the user may not run on: the core would refuse the whole run. */
export function refusedHosts(preview: RunPreview): string[] {
  return preview.hosts.filter((h) => !h.granted).map((h) => h.name);
}
