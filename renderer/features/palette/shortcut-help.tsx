import { Modal, Space, theme, Typography } from 'antd';
import { shortcutList } from './shortcuts';

/** The sheet `?` opens: every shortcut the console answers. A plain table: antd's Table would double the shell's code. */
export function ShortcutHelp({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const { token } = theme.useToken();
  const cell = { padding: '6px 8px', borderBottom: `1px solid ${token.colorBorderSecondary}`, verticalAlign: 'top' } as const;
  return (
    <Modal open={open} onCancel={onClose} footer={null} title="Keyboard shortcuts" width={560}>
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <tbody>
          {shortcutList.map((s) => (
            <tr key={s.keys.join('+')}>
              <td style={{ ...cell, width: 130, whiteSpace: 'nowrap' }}>
                <Space size={4}>
                  {s.keys.map((k) => (
                    <Typography.Text key={k} keyboard>{k}</Typography.Text>
                  ))}
                </Space>
              </td>
              <td style={cell}>
                <Typography.Text>{s.what}</Typography.Text>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        Shortcuts other than Ctrl+K do nothing while you type in a field.
      </Typography.Paragraph>
    </Modal>
  );
}
