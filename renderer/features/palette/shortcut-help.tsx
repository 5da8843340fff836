import { Modal, Space, Table, Typography } from 'antd';
import { shortcutList } from './shortcuts';

/** The sheet `?` opens: every shortcut the console answers. */
export function ShortcutHelp({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  return (
    <Modal open={open} onCancel={onClose} footer={null} title="Keyboard shortcuts" width={560}>
      <Table
        size="small"
        pagination={false}
        showHeader={false}
        rowKey={(r) => r.keys.join('+')}
        dataSource={shortcutList}
        columns={[
          {
            key: 'keys',
            width: 140,
            render: (_, r) => (
              <Space size={4}>
                {r.keys.map((k) => (
                  <Typography.Text key={k} keyboard>{k}</Typography.Text>
                ))}
              </Space>
            ),
          },
          { key: 'what', dataIndex: 'what' },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        Shortcuts other than Ctrl+K do nothing while you type in a field.
      </Typography.Paragraph>
    </Modal>
  );
}
