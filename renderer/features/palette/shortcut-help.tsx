import { Modal, Space, theme, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { shortcutList } from './shortcuts';

/** The sheet `?` opens: every shortcut the console answers. A plain table: antd's Table would double the shell's code. */
export function ShortcutHelp({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const { token } = theme.useToken();
  const { t } = useTranslation();
  // Opened from the keyboard, the sheet may not hold the focus antd's own Esc handling listens on: Esc closes it anyway.
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, onClose]);
  const cell = { padding: '6px 8px', borderBottom: `1px solid ${token.colorBorderSecondary}`, verticalAlign: 'top' } as const;
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('palette.help.title')} width={560}>
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <tbody>
          {shortcutList(t).map((s) => (
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
        {t('palette.help.typing')}
      </Typography.Paragraph>
    </Modal>
  );
}
