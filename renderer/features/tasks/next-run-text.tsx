import { Tooltip, Typography } from 'antd';
import type { Task } from '../../../shared/domain/tasks';
import { useTimeFormat } from '../../components/time-text';
import { useTimeStyle } from '../../lib/time-style';
import { useNow } from '../../lib/use-now';
import { formatInZone } from './task-view';
import { useTranslation } from 'react-i18next';

/** When a Started task runs next, relative ("in 2 minutes", ticking) with the exact time in its zone and here in a tooltip. */
export function NextRunText({ task }: { readonly task: Pick<Task, 'stage' | 'next_run_at' | 'frequency'> }) {
  const { t } = useTranslation();
  const at = task.stage === 'Started' ? task.next_run_at : null;
  const soon = at ? Math.abs(Date.parse(at) - Date.now()) < 120_000 : false;
  const now = useNow(Boolean(at), soon ? 1000 : 15_000);
  const format = useTimeFormat();
  const here = useTimeStyle().timeZone;
  if (!at) return <Typography.Text type="secondary">{task.stage === 'Started' ? t('common.value.none') : '—'}</Typography.Text>;
  const due = Date.parse(at) <= now;
  return (
    <Tooltip title={<>{formatInZone(at, task.frequency.time_zone)}{here !== task.frequency.time_zone ? <><br />{formatInZone(at, here)}</> : null}</>}>
      <span style={{ whiteSpace: 'nowrap' }}>{due ? t('tasks.dueNow') : format.relative(at, now)}</span>
    </Tooltip>
  );
}
