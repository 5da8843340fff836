import { CloudServerOutlined, DownOutlined, KeyOutlined, LogoutOutlined, MoonOutlined, SunOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Flex, Layout, Space, theme, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/hash-route';
import { useLiveState, type LiveState } from '../../stores/live-store';
import { useSession } from '../../stores/session-store';
import { RunningJobsIndicator } from '../jobs/running-jobs-indicator';
import { NotificationBell } from '../notifications/notification-bell';
import { PaletteHost } from '../palette/palette-host';
import { useIsDark, useTheme } from '../../stores/theme-store';

const liveBadge: Record<LiveState, 'success' | 'processing' | 'warning' | 'default'> = { live: 'success', connecting: 'processing', reconnecting: 'warning', off: 'default' };

function ConnectionBadge() {
  const state = useLiveState();
  const { t } = useTranslation();
  const text = t(`shell.live.${state}`);
  return (
    <Tooltip title={t(`shell.live.${state}Tip`)}>
      <span role="status" aria-label={t('shell.live.aria', { state: text })}>
        <Badge status={liveBadge[state]} text={<Typography.Text type="secondary">{text}</Typography.Text>} />
      </span>
    </Tooltip>
  );
}

function ThemeToggle() {
  const dark = useIsDark();
  const setMode = useTheme((s) => s.setMode);
  const { t } = useTranslation();
  const label = dark ? t('shell.theme.toLight') : t('shell.theme.toDark');
  return (
    <Tooltip title={label}>
      <Button type="text" aria-label={label} icon={dark ? <SunOutlined /> : <MoonOutlined />} onClick={() => setMode(dark ? 'light' : 'dark')} />
    </Tooltip>
  );
}

function UserMenu() {
  const user = useSession((s) => s.user);
  const signOut = useSession((s) => s.signOut);
  const { t } = useTranslation();
  if (!user) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', label: <Typography.Text type="secondary">{t('shell.account.roles', { roles: user.roles.join(', ') })}</Typography.Text>, disabled: true },
          { type: 'divider' },
          { key: 'keys', label: t('shell.account.keys'), icon: <KeyOutlined /> },
          { key: 'sign-out', label: t('shell.account.signOut'), icon: <LogoutOutlined /> },
        ],
        onClick: ({ key }) => {
          if (key === 'keys') navigate('/keys');
          if (key === 'sign-out') void signOut();
        },
      }}
    >
      <Button type="text" aria-label={t('shell.account.aria', { name: user.user_name })}>
        <Space size={6}>
          <UserOutlined />
          {user.nick_name || user.user_name}
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </Button>
    </Dropdown>
  );
}

export function HeaderBar() {
  const { token } = theme.useToken();
  const { t } = useTranslation();
  return (
    <Layout.Header
      style={{
        height: 48,
        lineHeight: '48px',
        padding: '0 16px',
        background: token.colorBgContainer,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Flex align="center" justify="space-between" style={{ height: '100%' }}>
        <Flex align="center" gap={8}>
          <CloudServerOutlined style={{ fontSize: 18, color: token.colorPrimary }} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            Taskdeck
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
            {t('common.app.tagline')}
          </Typography.Text>
        </Flex>
        <Flex align="center" gap={12}>
          <PaletteHost />
          <RunningJobsIndicator />
          <ConnectionBadge />
          <ThemeToggle />
          <NotificationBell />
          <UserMenu />
        </Flex>
      </Flex>
    </Layout.Header>
  );
}
