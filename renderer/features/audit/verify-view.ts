import type { AuditProblem, AuditVerify } from '../../../shared/domain/audit';
import { t } from '../../i18n/i18n';

/** A heading for each problem verify can report (`audit.problem.<problem>`); its message says the rest. */
const problemTitle = (p: AuditProblem): string => t(`audit.problem.${p}`);

export interface VerifyView {
  readonly type: 'success' | 'warning' | 'error';
  readonly title: string;
  readonly description: string | null;
}

/** How a verify result is shown: a broken chain names its problem; one intact since it was re-anchored is a warning. */
export function verifyView(v: AuditVerify): VerifyView {
  if (!v.ok) return { type: 'error', title: v.problem ? problemTitle(v.problem) : t('audit.broken'), description: v.message };
  // What came before the re-anchoring cannot be proven complete.
  if (v.reanchored_id !== null) return { type: 'warning', title: t('audit.reanchored'), description: v.message };
  return { type: 'success', title: v.message, description: null };
}
