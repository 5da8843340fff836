import type { OpInput } from '../../shared/api/contract';
import { saveStreamed } from './stream-save';

/**
 * Save the filtered audit log as CSV (desktop and browser mode alike): the core streams every matching entry a page
 * at a time, named for the day it was taken.
 */
export function downloadAuditCsv(query: OpInput<'audit.export'>, today: string): Promise<void> {
  return saveStreamed('audit.export', query, `taskdeck-audit-${today}.csv`, 'text/csv;charset=utf-8');
}
