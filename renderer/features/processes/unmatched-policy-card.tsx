import { Alert, App, Card, Flex, Skeleton, Switch, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { taskTypeNames, type TaskTypeName } from '../../../shared/domain/processes';
import { errorMessage } from '../../lib/errors';
import { processesStore, useProcesses } from '../../stores/processes-store';
import { taskTypeLabel } from './process-summary';

const consequence: Readonly<Record<TaskTypeName, { allow: string; refuse: string }>> = {
  command: { allow: 'Command tasks no process covers start without approval.', refuse: 'Command tasks no process covers cannot be started.' },
  database_change: { allow: 'SQL changes no process covers run without anyone approving them.', refuse: 'SQL changes no process covers cannot be started.' },
  apply_permission: { allow: 'Permission applications no process covers are granted at once.', refuse: 'Permission applications no process covers are refused.' },
};

/** Per task type: what happens to a task when no enabled process covers it (admin only). */
export function UnmatchedPolicyCard({ canWrite }: { readonly canWrite: boolean }) {
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
      void message.success(`${taskTypeLabel[type]}: unmatched tasks are now ${allow ? 'allowed' : 'refused'}`);
    } catch (err) {
      notification.error({ message: 'The policy was not changed', description: errorMessage(err), duration: 8 });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title="Tasks no process covers" style={{ maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">
        When a task starts, the first enabled process of its type that covers all of its hosts decides who approves it. When none does, this policy decides.
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message="Could not load the policy" description={error} style={{ marginBottom: 12 }} /> : null}
      {!policy ? (
        error ? null : <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        taskTypeNames.map((t) => {
          const allow = policy.unmatched[t] === 'allow';
          return (
            <Flex key={t} gap={12} align="start" style={{ padding: '8px 0', borderTop: `1px solid ${token.colorBorderSecondary}` }}>
              <Switch
                checked={allow}
                loading={busy === t}
                disabled={!canWrite || (busy !== null && busy !== t)}
                checkedChildren="Allow"
                unCheckedChildren="Refuse"
                aria-label={`${taskTypeLabel[t]}: run unmatched tasks without approval`}
                onChange={(v) => void set(t, v)}
              />
              <div>
                <Typography.Text strong>{taskTypeLabel[t]}</Typography.Text>
                <br />
                <Typography.Text type={allow && t !== 'command' ? 'warning' : 'secondary'}>{allow ? consequence[t].allow : consequence[t].refuse}</Typography.Text>
              </div>
            </Flex>
          );
        })
      )}
      {!canWrite ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          Changing this needs the system:admin permission (administrators).
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
