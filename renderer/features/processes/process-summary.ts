import { sqlSubtypes, type Process, type RiskLevel } from '../../../shared/domain/processes';
import { t } from '../../i18n/i18n';
import { typeLabel as taskTypeLabel } from '../tasks/task-view';

/** The task types in words: the tasks feature's one mapping. */
export { taskTypeLabel };

/** Every role a process asks for, first appearance first. */
export function rolesOf(p: Pick<Process, 'risk_levels'>): string[] {
  return [...new Set(p.risk_levels.flatMap((l) => l.approval_nodes.map((n) => n.role)))];
}

/** "dba → admin": the order in which a level's nodes approve. */
export function nodesText(level: Pick<RiskLevel, 'approval_nodes'>): string {
  return level.approval_nodes.map((n) => n.role).join(' → ');
}

/** "UPDATE, DELETE" or "all statements"; only database changes are graded by statement kind. */
export function subtypesText(level: Pick<RiskLevel, 'sql_subtypes'>): string {
  return level.sql_subtypes.length === sqlSubtypes.length ? 'all statement kinds' : level.sql_subtypes.join(', ') || 'none';
}

export function maxStatementsText(level: Pick<RiskLevel, 'max_statements'>): string {
  return level.max_statements === null ? t('processes.anyStatements') : t('processes.upToStatements', { count: level.max_statements });
}

export interface Named {
  readonly id: number;
  readonly name: string;
}

/** What a process covers, by name: "All hosts", or the hosts and groups it names (unknown ids shown as #id). */
export function associationParts(p: Pick<Process, 'association'>, hosts: ReadonlyMap<number, string>, groups: ReadonlyMap<number, string>): { all: boolean; hosts: Named[]; groups: Named[] } {
  const a = p.association;
  if ('all' in a) return { all: true, hosts: [], groups: [] };
  return {
    all: false,
    hosts: a.host_ids.map((id) => ({ id, name: hosts.get(id) ?? t('processes.hostDeleted', { id }) })),
    groups: a.group_ids.map((id) => ({ id, name: groups.get(id) ?? t('processes.groupDeleted', { id }) })),
  };
}

/** Filter keys for the association column: `all`, `h:<id>`, `g:<id>`. */
export function associationKeys(p: Pick<Process, 'association'>): string[] {
  const a = p.association;
  if ('all' in a) return ['all'];
  return [...a.host_ids.map((id) => `h:${id}`), ...a.group_ids.map((id) => `g:${id}`)];
}

/** Case-insensitive "contains" over the texts a user would search a process by. */
export function processMatches(p: Process, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [p.name, p.remarks, p.created_by, taskTypeLabel[p.task_type], ...rolesOf(p)].some((s) => s.toLowerCase().includes(needle));
}
