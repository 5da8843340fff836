import { Alert } from 'antd';
import type { CheckResult } from '../../../shared/domain/tasks';
import { fieldLabel } from './task-form-model';

function Items({ items }: { readonly items: CheckResult['errors'] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {items.map((i, n) => (
        <li key={`${i.field}-${n}`}>
          <b>{fieldLabel[i.field] ?? i.field}</b>: {i.message}
        </li>
      ))}
    </ul>
  );
}

/** A check result as alerts: errors (the task cannot start) and warnings; "all good" when both are empty. */
export function CheckResultAlerts({ check, title }: { readonly check: CheckResult; readonly title?: string }) {
  if (check.errors.length === 0 && check.warnings.length === 0) {
    return <Alert type="success" showIcon message={title ? `${title}: no problems found` : 'No problems found'} style={{ marginBottom: 12 }} />;
  }
  const n = (k: number, w: string): string => `${k} ${w}${k === 1 ? '' : 's'}`;
  return (
    <>
      {check.errors.length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={`${title ? `${title}: ` : ''}${n(check.errors.length, 'error')}: the task cannot start until they are fixed`}
          description={<Items items={check.errors} />}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {check.warnings.length ? (
        <Alert
          type="warning"
          showIcon
          message={`${!check.errors.length && title ? `${title}: ` : ''}${n(check.warnings.length, 'warning')}`}
          description={<Items items={check.warnings} />}
          style={{ marginBottom: 12 }}
        />
      ) : null}
    </>
  );
}
