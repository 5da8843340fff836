import { DesktopOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { askDesktopPermission, type DesktopPermission, desktopPermission } from './browser-notifications';

/**
 * Browser mode, on the alerts page: whether desktop channels can pop up here, a button to allow it (browsers ask only
 * from a click), and a note when the browser blocks them. The desktop app shows its own: nothing here.
 */
export function DesktopPermissionNote() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState<DesktopPermission>(desktopPermission);
  if (window.taskdeck) return null;
  if (permission === 'granted') return <Alert type="success" showIcon icon={<DesktopOutlined />} message={t('alerts.desktopNote.on')} />;
  if (permission === 'denied') return <Alert type="warning" showIcon message={t('alerts.desktopNote.denied')} />;
  if (permission === 'unsupported') return <Alert type="warning" showIcon message={t('alerts.desktopNote.unsupported')} />;
  return (
    <Alert
      type="info"
      showIcon
      icon={<DesktopOutlined />}
      message={t('alerts.desktopNote.ask')}
      action={<Button size="small" type="primary" onClick={() => void askDesktopPermission().then(setPermission)}>{t('alerts.desktopNote.allow')}</Button>}
    />
  );
}
