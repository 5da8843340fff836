import { Alert, App, Card, Flex, Skeleton, Switch, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { taskTypeNames, type TaskTypeName } from '../../../shared/domain/processes';
import { errorMessage } from '../../lib/errors';
import { processesStore, useProcesses } from '../../stores/processes-store';
import { taskTypeLabel } from './process-summary';
import { useTranslation } from 'react-i18next';

/** Per task type: what happens to a task when no enabled process covers it (admin only). */
export function UnmatchedPolicyCard({ canWrite }: { readonly canWrite: boolean }) {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const { token } = theme.useToken();
  const policy = useProcesses((s) => s.policy);
  const error = useProcesses((s) => s.policyError);
  const [busy, setBusy] = useState<TaskTypeName | null>(null);

  useEffect(() => {
    void processesStore.getState().loadPolicy();
  }, []);

  const set = async (type: TaskTypeName, allow: boolean): Promise<void> => {
    if (!policy) return;
    setBusy(type);
    try {
      await processesStore.getState().setPolicy({ unmatched: { ...policy.unmatched, [type]: allow ? 'allow' : 'refuse' } });
      void message.success(t(allow ? 'processes.policy.nowAllowed' : 'processes.policy.nowRefused', { type: taskTypeLabel[type] }));
    } catch (err) {
      notification.error({ message: t('processes.policy.notChanged'), description: errorMessage(err), duration: 8 });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t('processes.policy.title')} style={{ maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">
        {t('processes.policy.text')}
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={t('processes.policy.loadFailed')} description={error} style={{ marginBottom: 12 }} /> : null}
      {!policy ? (
        error ? null : <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        taskTypeNames.map((type) => {
          const allow = policy.unmatched[type] === 'allow';
          return (
            <Flex key={type} gap={12} align="start" style={{ padding: '8px 0', borderTop: `1px solid ${token.colorBorderSecondary}` }}>
              <Switch
                checked={allow}
                loading={busy === type}
                disabled={!canWrite || (busy !== null && busy !== type)}
                checkedChildren={t('processes.policy.allow')}
                unCheckedChildren={t('processes.policy.refuse')}
                aria-label={t('processes.policy.aria', { type: taskTypeLabel[type] })}
                onChange={(v) => void set(type, v)}
              />
              <div>
                <Typography.Text strong>{taskTypeLabel[type]}</Typography.Text>
                <br />
                <Typography.Text type={allow && type !== 'command' ? 'warning' : 'secondary'}>{t(`processes.policy.${type}.${allow ? 'allow' : 'refuse'}`)}</Typography.Text>
              </div>
            </Flex>
          );
        })
      )}
      {!canWrite ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('processes.policy.needsAdmin')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
