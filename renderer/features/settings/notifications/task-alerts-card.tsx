import { Card } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../../shared/domain/alerts';
import type { Task } from '../../../../shared/domain/tasks';
import { call } from '../../../api/session-call';
import { useCan } from '../../../stores/session-store';
import { DesktopPermissionNote } from '../../notifications/desktop-permission-note';
import { useTaskOwnership } from '../../tasks/use-task-ownership';
import { AlertRulesTable } from './alert-rules-table';

/** The task page's Alerts section: this task's rules, edited by its owner, an admin or a DBA; where desktop channels exist, whether this browser may pop them up. */
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
      {channels.some((c) => c.kind === 'desktop') ? <div style={{ marginBottom: 12 }}><DesktopPermissionNote /></div> : null}
      <AlertRulesTable taskName={task.name} canEdit={manage && mayWrite} channels={channels} />
    </Card>
  );
}
