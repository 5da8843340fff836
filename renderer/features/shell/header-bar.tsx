import { CloudServerOutlined, DownOutlined, KeyOutlined, LogoutOutlined, MoonOutlined, SunOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Flex, Layout, Space, theme, Tooltip, Typography } from 'antd';
import { navigate } from '../../app/hash-route';
import { useLiveState, type LiveState } from '../../stores/live-store';
import { useSession } from '../../stores/session-store';
import { RunningJobsIndicator } from '../jobs/running-jobs-indicator';
import { NotificationBell } from '../notifications/notification-bell';
import { PaletteHost } from '../palette/palette-host';
import { useIsDark, useTheme } from '../../stores/theme-store';

const liveLook: Record<LiveState, { status: 'success' | 'processing' | 'warning' | 'default'; text: string; tip: string }> = {
  live: { status: 'success', text: 'Live', tip: 'Changes made elsewhere appear here as they happen.' },
  connecting: { status: 'processing', text: 'Connecting', tip: 'Opening the live event stream.' },
  reconnecting: { status: 'warning', text: 'Reconnecting', tip: 'The live event stream dropped; retrying. Lists may be stale until it is back.' },
  off: { status: 'default', text: 'Offline', tip: 'No live event stream.' },
};

function ConnectionBadge() {
  const state = useLiveState();
  const look = liveLook[state];
  return (
    <Tooltip title={look.tip}>
      <span role="status" aria-label={`Live updates: ${look.text}`}>
        <Badge status={look.status} text={<Typography.Text type="secondary">{look.text}</Typography.Text>} />
      </span>
    </Tooltip>
  );
}

function ThemeToggle() {
  const dark = useIsDark();
  const setMode = useTheme((s) => s.setMode);
  const label = dark ? 'Switch to light theme' : 'Switch to dark theme';
  return (
    <Tooltip title={label}>
      <Button type="text" aria-label={label} icon={dark ? <SunOutlined /> : <MoonOutlined />} onClick={() => setMode(dark ? 'light' : 'dark')} />
    </Tooltip>
  );
}

function UserMenu() {
  const user = useSession((s) => s.user);
  const signOut = useSession((s) => s.signOut);
  if (!user) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', label: <Typography.Text type="secondary">Roles: {user.roles.join(', ')}</Typography.Text>, disabled: true },
          { type: 'divider' },
          { key: 'keys', label: 'Signing keys', icon: <KeyOutlined /> },
          { key: 'sign-out', label: 'Sign out', icon: <LogoutOutlined /> },
        ],
        onClick: ({ key }) => {
          if (key === 'keys') navigate('/keys');
          if (key === 'sign-out') void signOut();
        },
      }}
    >
      <Button type="text" aria-label={`Account: ${user.user_name}`}>
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
            operations console
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
