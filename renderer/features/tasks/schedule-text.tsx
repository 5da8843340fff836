import { theme, Typography } from 'antd';
import type { Task } from '../../../shared/domain/tasks';
import { describeCron } from '../../lib/cron-words';
import { usePrefs } from '../../stores/prefs-store';
import { useTasks } from '../../stores/tasks-store';
import { unscheduledText } from './task-view';

/** A task's cron expression, what it means in words, and its zone. Descriptions are looked up by the page (`describe`). */
export function ScheduleText({ task }: { readonly task: Pick<Task, 'cron_expression' | 'frequency'> }) {
  const { token } = theme.useToken();
  const language = usePrefs((s) => s.language);
  const core = useTasks((s) => s.descriptions[task.cron_expression]);
  const description = describeCron(task.cron_expression, language) ?? core;
  const none = unscheduledText(task);
  if (none) return <Typography.Text type="secondary">{none}</Typography.Text>;
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', lineHeight: 1.35 }}>
      <span style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM }}>{task.cron_expression}</span>
      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
        {description ? `${description} · ` : ''}
        {task.frequency.time_zone}
      </Typography.Text>
    </span>
  );
}
