import { Table, Typography } from 'antd';
import type { TaskChange } from '../../../shared/domain/tasks';
import { useTranslation } from 'react-i18next';

const value = { whiteSpace: 'pre-wrap' as const, wordBreak: 'break-word' as const, margin: 0 };

/** What changed in a task since it last started: field, value then, value now, and who changed it. */
export function TaskEditList({ changes }: { readonly changes: readonly TaskChange[] }) {
  const { t } = useTranslation();
  return (
    <Table<TaskChange>
      size="small"
      pagination={false}
      rowKey="field"
      dataSource={[...changes]}
      columns={[
        { title: t('tasks.edits.field'), dataIndex: 'field', width: 140 },
        { title: t('tasks.edits.was'), dataIndex: 'from', render: (v: string) => <Typography.Text code style={value}>{v || t('tasks.empty')}</Typography.Text> },
        { title: t('tasks.edits.now'), dataIndex: 'to', render: (v: string) => <Typography.Text code style={value}>{v || t('tasks.empty')}</Typography.Text> },
        { title: t('tasks.edits.by'), dataIndex: 'by', width: 110 },
      ]}
    />
  );
}
