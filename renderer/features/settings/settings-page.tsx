import { DatabaseOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Form, Radio, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../shared/api/contract';
import { api } from '../../api/client';
import { call } from '../../api/session-call';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/errors';
import { useCan, useSession } from '../../stores/session-store';
import { useTheme, type ThemeMode } from '../../stores/theme-store';
import { RemindersCard } from './reminders-card';
import { TrustStoreCard } from './trust-store-card';
import { ApiTokensTab } from './api-tokens-tab';
import { RunSettingsCard } from './run-settings-card';
import { NotificationsCard } from './notifications/notifications-card';
import { DisplayCard } from './display-card';
import { PasswordCard } from '../account/password-card';
import { useTranslation } from 'react-i18next';

function AppearanceCard() {
  const { t } = useTranslation();
  const mode = useTheme((s) => s.mode);
  const setMode = useTheme((s) => s.setMode);
  const systemDark = useTheme((s) => s.systemDark);
  return (
    <Card size="small" title={t('settings.appearance.title')}>
      <Form layout="vertical">
        <Form.Item label={t('settings.appearance.theme')} htmlFor="settings-theme" extra={t('settings.appearance.themeHint', { mode: systemDark ? t('settings.appearance.darkWord') : t('settings.appearance.lightWord') })} style={{ marginBottom: 0 }}>
          <Radio.Group
            id="settings-theme"
            value={mode}
            onChange={(e) => setMode(e.target.value as ThemeMode)}
            options={[
              { value: 'light', label: t('settings.appearance.light') },
              { value: 'dark', label: t('settings.appearance.dark') },
              { value: 'system', label: t('settings.appearance.system') },
            ]}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}

function BackupCard() {
  const { t } = useTranslation();
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
    <Card size="small" title={t('settings.backup.title')}>
      <Typography.Paragraph type="secondary">{t('settings.backup.text')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button icon={<DatabaseOutlined />} loading={busy} disabled={!canBackup} onClick={() => void backUp()}>
          {t('settings.backup.now')}
        </Button>
        {!canBackup ? <Typography.Text type="secondary">{t('settings.backup.needsAdmin')}</Typography.Text> : null}
        {result ? (
          <Alert
            type="success"
            showIcon
            message={t('settings.backup.written')}
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
        {error ? <Alert type="error" showIcon message={t('settings.backup.failed')} description={error} /> : null}
      </Space>
    </Card>
  );
}

/** Tags that wrap onto more lines inside their cell: a Descriptions cell is an inline-flex row that would overflow the card. */
function TagRow({ words }: { words: readonly string[] }) {
  return (
    <Flex wrap gap={4} style={{ minWidth: 0 }}>
      {words.map((w) => (
        <Tag key={w} style={{ marginInlineEnd: 0 }}>
          {w}
        </Tag>
      ))}
    </Flex>
  );
}

function AboutCard() {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const permissions = useSession((s) => s.permissions);
  const [health, setHealth] = useState<OpOutput<'system.health'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('system.health').then(setHealth, (err: unknown) => setError(errorMessage(err)));
  }, []);
  return (
    <Card size="small" title={t('settings.about.title')}>
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 140 } }}
        items={[
          { key: 'v', label: t('settings.about.version'), children: health ? health.version : (error ?? '…') },
          { key: 't', label: t('settings.about.connection'), children: api.transport === 'ipc' ? t('settings.about.ipc') : t('settings.about.http') },
          { key: 'u', label: t('settings.about.signedInAs'), children: user ? `${user.user_name}${user.nick_name ? ` (${user.nick_name})` : ''}` : '' },
          { key: 'r', label: t('users.field.roles'), children: <TagRow words={user?.roles ?? []} /> },
          { key: 'p', label: t('shell.nav.permissions'), children: <TagRow words={[...permissions]} /> },
        ]}
      />
    </Card>
  );
}

export function SettingsPage() {
  const canManageTokens = useCan('users:admin');
  const canManageAlerts = useCan('alerts:write');
  const { t } = useTranslation();
  const general = (
    <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 760 }}>
      <DisplayCard />
      <PasswordCard />
      <AppearanceCard />
      <BackupCard />
      <RunSettingsCard />
      <RemindersCard />
      <TrustStoreCard />
      <AboutCard />
    </Space>
  );
  const tabs = [
    { key: 'general', label: t('settings.tabGeneral'), children: general },
    ...(canManageAlerts ? [{ key: 'notifications', label: t('alerts.card.title'), children: <NotificationsCard /> }] : []),
    ...(canManageTokens ? [{ key: 'tokens', label: t('tokens.tab'), children: <ApiTokensTab /> }] : []),
  ];
  return (
    <>
      <PageHeader title={t('shell.nav.settings')} />
      {tabs.length > 1 ? <Tabs destroyOnHidden items={tabs} /> : general}
    </>
  );
}
