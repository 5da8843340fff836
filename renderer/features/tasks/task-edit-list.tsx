import { Table, Typography } from 'antd';
import type { TaskChange } from '../../../shared/domain/tasks';

const value = { whiteSpace: 'pre-wrap' as const, wordBreak: 'break-word' as const, margin: 0 };

/** What changed in a task since it last started: field, value then, value now, and who changed it. */
export function TaskEditList({ changes }: { readonly changes: readonly TaskChange[] }) {
  return (
    <Table<TaskChange>
      size="small"
      pagination={false}
      rowKey="field"
      dataSource={[...changes]}
      columns={[
        { title: 'Field', dataIndex: 'field', width: 140 },
        { title: 'Was', dataIndex: 'from', render: (v: string) => <Typography.Text code style={value}>{v || '(empty)'}</Typography.Text> },
        { title: 'Now', dataIndex: 'to', render: (v: string) => <Typography.Text code style={value}>{v || '(empty)'}</Typography.Text> },
        { title: 'By', dataIndex: 'by', width: 110 },
      ]}
    />
  );
}
