import { Alert } from 'antd';
import type { CheckResult } from '../../../shared/domain/tasks';
import { fieldLabel, type CheckFailure } from './task-form-model';
import { useTranslation } from 'react-i18next';

function Items({ items }: { readonly items: readonly { field: string; message: string }[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {items.map((i, n) => (
        <li key={`${i.field}-${n}`}>
          <b>{fieldLabel(i.field)}</b>: {i.message}
        </li>
      ))}
    </ul>
  );
}

/** A check result as alerts: errors (the task cannot start) and warnings; "all good" when both are empty. */
export function CheckResultAlerts({ check, title }: { readonly check: CheckResult; readonly title?: string }) {
  const { t } = useTranslation();
  if (check.errors.length === 0 && check.warnings.length === 0) {
    return <Alert type="success" showIcon message={title ? t('tasks.check.noProblemsTitled', { title }) : t('tasks.check.noProblems')} style={{ marginBottom: 12 }} />;
  }
  return (
    <>
      {check.errors.length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={`${title ? `${title}: ` : ''}${t('tasks.check.errors', { count: check.errors.length })}`}
          description={<Items items={check.errors} />}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {check.warnings.length ? (
        <Alert
          type="warning"
          showIcon
          message={`${!check.errors.length && title ? `${title}: ` : ''}${t('tasks.check.warnings', { count: check.warnings.length })}`}
          description={<Items items={check.warnings} />}
          style={{ marginBottom: 12 }}
        />
      ) : null}
    </>
  );
}

/** A check that gave no result: the problems that stopped it, or that it could not run at all (and so checked nothing). */
export function CheckFailureAlert({ failure }: { readonly failure: CheckFailure }) {
  const { t } = useTranslation();
  return failure.kind === 'invalid' ? (
    <Alert type="error" showIcon role="alert" message={t('taskForm.checkInvalid')} description={<Items items={failure.issues} />} style={{ marginBottom: 12 }} />
  ) : (
    <Alert type="warning" showIcon role="alert" message={t('taskForm.checkNotRun')} description={t('taskForm.checkNotRunText', { message: failure.message.replace(/\.$/, '') })} style={{ marginBottom: 12 }} />
  );
}
