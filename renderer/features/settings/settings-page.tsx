import { DatabaseOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../shared/api/contract';
import { api } from '../../api/client';
import { call } from '../../api/session-call';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/errors';
import { useCan, useSession } from '../../stores/session-store';
import { useTheme, type ThemeMode } from '../../stores/theme-store';
import { DisplayCard } from './display-card';
import { TrustStoreCard } from './trust-store-card';

function AppearanceCard() {
  const mode = useTheme((s) => s.mode);
  const setMode = useTheme((s) => s.setMode);
  const systemDark = useTheme((s) => s.systemDark);
  return (
    <Card size="small" title="Appearance">
      <Form layout="vertical">
        <Form.Item label="Theme" htmlFor="settings-theme" extra={`Kept on this machine. Your system currently prefers ${systemDark ? 'dark' : 'light'}.`} style={{ marginBottom: 0 }}>
          <Radio.Group
            id="settings-theme"
            value={mode}
            onChange={(e) => setMode(e.target.value as ThemeMode)}
            options={[
              { value: 'light', label: 'Light' },
              { value: 'dark', label: 'Dark' },
              { value: 'system', label: 'Follow system' },
            ]}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}

function BackupCard() {
  const canBackup = useCan('system:admin');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<OpOutput<'system.backup'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const backUp = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setResult(await call('system.backup'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="Database">
      <Typography.Paragraph type="secondary">An online backup of the SQLite store into the data folder; Taskdeck keeps running while it is written.</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button icon={<DatabaseOutlined />} loading={busy} disabled={!canBackup} onClick={() => void backUp()}>
          Back up database now
        </Button>
        {!canBackup ? <Typography.Text type="secondary">Backups need the system:admin permission (administrators).</Typography.Text> : null}
        {result ? (
          <Alert
            type="success"
            showIcon
            message="Backup written"
            description={
              <>
                <Typography.Text code copyable>
                  {result.path}
                </Typography.Text>{' '}
                ({(result.bytes / 1024).toFixed(0)} KiB)
              </>
            }
          />
        ) : null}
        {error ? <Alert type="error" showIcon message="Backup failed" description={error} /> : null}
      </Space>
    </Card>
  );
}

function AboutCard() {
  const user = useSession((s) => s.user);
  const permissions = useSession((s) => s.permissions);
  const [health, setHealth] = useState<OpOutput<'system.health'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('system.health').then(setHealth, (err: unknown) => setError(errorMessage(err)));
  }, []);
  return (
    <Card size="small" title="About">
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 140 } }}
        items={[
          { key: 'v', label: 'Version', children: health ? health.version : (error ?? '…') },
          { key: 't', label: 'Connection', children: api.transport === 'ipc' ? 'Desktop (IPC)' : 'Browser mode (loopback HTTP)' },
          { key: 'u', label: 'Signed in as', children: user ? `${user.user_name}${user.nick_name ? ` (${user.nick_name})` : ''}` : '' },
          { key: 'r', label: 'Roles', children: user?.roles.map((r) => <Tag key={r}>{r}</Tag>) },
          { key: 'p', label: 'Permissions', children: [...permissions].map((p) => <Tag key={p}>{p}</Tag>) },
        ]}
      />
    </Card>
  );
}

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" />
      <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 760 }}>
        <DisplayCard />
        <AppearanceCard />
        <BackupCard />
        <TrustStoreCard />
        <AboutCard />
      </Space>
    </>
  );
}
