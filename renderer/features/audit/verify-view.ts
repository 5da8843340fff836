import type { AuditProblem, AuditVerify } from '../../../shared/domain/audit';

/** A heading for each problem verify can report; its message says the rest. */
const problemTitles: Record<AuditProblem, string> = {
  rewritten: 'Audit log rewritten',
  tail_cut: 'Audit entries removed from the end',
  emptied: 'Audit log emptied',
  anchor_missing: 'Audit anchor missing',
  anchor_forged: 'Audit anchor forged or unreadable',
  anchor_mismatch: 'Audit log differs from its anchor',
};

export interface VerifyView {
  readonly type: 'success' | 'warning' | 'error';
  readonly title: string;
  readonly description: string | null;
}

/** How a verify result is shown: a broken chain names its problem; one intact since it was re-anchored is a warning. */
export function verifyView(v: AuditVerify): VerifyView {
  if (!v.ok) return { type: 'error', title: v.problem ? problemTitles[v.problem] : 'Audit chain broken', description: v.message };
  // What came before the re-anchoring cannot be proven complete.
  if (v.reanchored_id !== null) return { type: 'warning', title: 'Audit chain intact since it was re-anchored', description: v.message };
  return { type: 'success', title: v.message, description: null };
}
