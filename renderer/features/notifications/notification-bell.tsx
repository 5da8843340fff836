import { BellOutlined, CheckOutlined, DesktopOutlined } from '@ant-design/icons';
import { App, Badge, Button, Drawer, Empty, Flex, List, Skeleton, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationView } from '../../../shared/domain/notifications';
import { navigate } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { Time } from '../../components/time-text';
import { errorMessage } from '../../lib/errors';
import { noticeTexts } from '../../lib/server-words';
import { notificationsStore, useNotifications } from '../../stores/notifications-store';
import { askDesktopPermission, type DesktopPermission, desktopPermission } from './browser-notifications';

/** Browser mode: desktop notifications are asked for here, on a click, never at load. */
function DesktopSwitch() {
  const [permission, setPermission] = useState<DesktopPermission>(desktopPermission);
  const { t } = useTranslation();
  if (permission === 'unsupported') return null;
  if (permission === 'granted') return <Typography.Text type="secondary"><DesktopOutlined /> {t('alerts.bell.desktopOn')}</Typography.Text>;
  if (permission === 'denied') {
    return (
      <Tooltip title={t('alerts.bell.desktopBlockedHint')}>
        <Typography.Text type="secondary"><DesktopOutlined /> {t('alerts.bell.desktopBlocked')}</Typography.Text>
      </Tooltip>
    );
  }
  return (
    <Button size="small" icon={<DesktopOutlined />} onClick={() => void askDesktopPermission().then(setPermission)}>
      {t('alerts.bell.desktopAsk')}
    </Button>
  );
}

function NotificationItem({ n, onOpen }: { readonly n: NotificationView; readonly onOpen: (n: NotificationView) => void }) {
  const unread = n.read_at === null;
  const { t } = useTranslation();
  const { title, body } = noticeTexts(n);
  return (
    <List.Item
      style={{ cursor: n.link ? 'pointer' : 'default', paddingInline: 8, borderInlineStart: `3px solid ${unread ? '#1668dc' : 'transparent'}` }}
      onClick={() => onOpen(n)}
      aria-label={unread ? t('alerts.bell.unreadItem', { title }) : title}
    >
      <List.Item.Meta
        title={<Typography.Text strong={unread}>{title}</Typography.Text>}
        description={
          <Flex vertical gap={2}>
            {body ? <span>{body}</span> : null}
            <span><Time relative value={n.created_at} /></span>
          </Flex>
        }
      />
    </List.Item>
  );
}

function NotificationList({ onClose }: { readonly onClose: () => void }) {
  const { message } = App.useApp();
  const s = useNotifications((x) => x);
  const { t } = useTranslation();
  const open = (n: NotificationView): void => {
    if (n.read_at === null) void s.markRead(n.id).catch((err: unknown) => message.error(errorMessage(err)));
    if (n.link?.startsWith('/')) {
      navigate(n.link);
      onClose();
    }
  };
  if (s.error && !s.loaded) return <ErrorAlert message={s.error} onRetry={() => void s.load()} />;
  if (!s.loaded) return <Skeleton active paragraph={{ rows: 4 }} />;
  return (
    <>
      {s.error ? <ErrorAlert title={t('alerts.bell.couldNotRefresh')} message={s.error} onRetry={() => void s.load()} /> : null}
      <List
        dataSource={[...s.items]}
        rowKey="id"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerts.bell.empty')} /> }}
        renderItem={(n) => <NotificationItem n={n} onOpen={open} />}
        loadMore={
          s.items.length < s.total ? (
            <Flex justify="center" style={{ marginTop: 12 }}>
              <Button loading={s.loading} onClick={() => void s.more()}>{t('alerts.bell.older')}</Button>
            </Flex>
          ) : null
        }
      />
    </>
  );
}

/** The header's bell: the unread count, opening the notification centre. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const unread = useNotifications((s) => s.unread);
  const markAllRead = useNotifications((s) => s.markAllRead);
  const { message } = App.useApp();
  const { t } = useTranslation();
  useEffect(() => {
    void notificationsStore.getState().load();
  }, []);
  const label = unread ? t('alerts.bell.unread', { n: unread }) : t('alerts.bell.title');
  return (
    <>
      <Tooltip title={label}>
        <Badge count={unread} size="small" overflowCount={99}>
          <Button type="text" aria-label={label} icon={<BellOutlined />} onClick={() => setOpen(true)} />
        </Badge>
      </Tooltip>
      <Drawer
        title={t('alerts.bell.title')}
        open={open}
        onClose={() => setOpen(false)}
        width={420}
        extra={
          <Button size="small" icon={<CheckOutlined />} disabled={!unread} onClick={() => void markAllRead().catch((err: unknown) => message.error(errorMessage(err)))}>
            {t('alerts.bell.markAll')}
          </Button>
        }
      >
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <DesktopSwitch />
        </Flex>
        <NotificationList onClose={() => setOpen(false)} />
      </Drawer>
    </>
  );
}
