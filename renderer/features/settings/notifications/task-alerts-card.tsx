import { Card } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../../shared/domain/alerts';
import type { Task } from '../../../../shared/domain/tasks';
import { call } from '../../../api/session-call';
import { useCan } from '../../../stores/session-store';
import { useTaskOwnership } from '../../tasks/use-task-ownership';
import { AlertRulesTable } from './alert-rules-table';

/** The task page's Alerts section: this task's rules, edited by its owner, an admin or a DBA. */
export function TaskAlertsCard({ task }: { readonly task: Task }) {
  const { t } = useTranslation();
  const { manage } = useTaskOwnership(task);
  const mayWrite = useCan('tasks:write');
  const [channels, setChannels] = useState<Channel[]>([]);
  useEffect(() => {
    call('channels.list').then(setChannels, () => setChannels([]));
  }, []);
  return (
    <Card size="small" title={t('alerts.rules.taskCard')} style={{ marginTop: 12 }}>
      <AlertRulesTable taskName={task.name} canEdit={manage && mayWrite} channels={channels} />
    </Card>
  );
}
