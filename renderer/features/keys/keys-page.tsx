import { ExportOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../shared/api/contract';
import type { KeyFile, SigningKeyView } from '../../../shared/domain/bundles';
import { api } from '../../api/client';
import { call } from '../../api/session-call';
import { ErrorAlert } from '../../components/error-alert';
import { FileTextModal } from '../../components/file-text-modal';
import { FingerprintText } from '../../components/fingerprint-text';
import { PageHeader } from '../../components/page-header';
import { Time } from '../../components/time-text';
import { errorMessage } from '../../lib/errors';
import { useTranslation } from 'react-i18next';

function KeyFacts({ k }: { readonly k: SigningKeyView }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      column={1}
      size="small"
      styles={{ label: { width: 140 } }}
      items={[
        { key: 'f', label: t('hosts.test.fingerprint'), children: <FingerprintText value={k.key_id} copyable /> },
        { key: 'o', label: t('keys.openssh'), children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{k.openssh}</Typography.Text> },
        { key: 'c', label: t('tasks.field.created'), children: <Time relative value={k.created_at} /> },
      ]}
    />
  );
}

/** Your signing key (for decisions given away from the home console) and this console's key (for the bundles it exports). */
export function KeysPage() {
  const { t } = useTranslation();
  const [mine, setMine] = useState<SigningKeyView | null | undefined>(undefined);
  const [consoleKey, setConsoleKey] = useState<OpOutput<'keys.console'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<{ title: string; file: KeyFile } | null>(null);

  const load = (): void => {
    setError(null);
    Promise.all([call('keys.mine'), call('keys.console')]).then(([m, c]) => {
      setMine(m.key);
      setConsoleKey(c);
    }, (err: unknown) => setError(errorMessage(err)));
  };
  useEffect(load, []);

  const create = async (): Promise<void> => {
    setBusy(true);
    try {
      setMine(await call('keys.create'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const exportFile = async (which: 'mine' | 'console'): Promise<void> => {
    try {
      setFile({ title: which === 'mine' ? t('keys.yourFile') : t('keys.consoleFile'), file: await call('keys.export', { which }) });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <>
      <PageHeader title={t('shell.account.keys')} subtitle={t('keys.subtitle')} />
      {error ? <ErrorAlert message={error} onRetry={load} /> : null}
      <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 820 }}>
        <Card size="small" title={t('keys.yours')}>
          {mine === undefined ? <Skeleton active /> : null}
          {mine === null ? (
            <Alert type="info" showIcon message={t('keys.none')} description={t('keys.noneText')} style={{ marginBottom: 12 }} />
          ) : null}
          {mine ? <KeyFacts k={mine} /> : null}
          <Space>
            {mine ? (
              <Popconfirm title={t('keys.replaceTitle')} description={t('keys.replaceText')} okText={t('keys.replace')} onConfirm={() => void create()}>
                <Button icon={<KeyOutlined />} loading={busy}>{t('keys.replaceKey')}</Button>
              </Popconfirm>
            ) : (
              <Button type="primary" icon={<KeyOutlined />} loading={busy} onClick={() => void create()}>{t('keys.create')}</Button>
            )}
            <Button icon={<ExportOutlined />} disabled={!mine} onClick={() => void exportFile('mine')}>{t('keys.export')}</Button>
          </Space>
        </Card>
        <Card size="small" title={t('keys.console')}>
          <Typography.Paragraph type="secondary">{t('keys.consoleText')}</Typography.Paragraph>
          {consoleKey ? (
            <>
              <Descriptions column={1} size="small" styles={{ label: { width: 140 } }} items={[{ key: 'id', label: t('keys.consoleId'), children: <Typography.Text code copyable>{consoleKey.console_id}</Typography.Text> }]} />
              <KeyFacts k={consoleKey} />
            </>
          ) : <Skeleton active />}
          <Button icon={<ExportOutlined />} disabled={!consoleKey} onClick={() => void exportFile('console')}>{t('keys.exportConsole')}</Button>
        </Card>
      </Space>
      {file ? <FileTextModal canDownload={api.transport === 'http'} title={file.title} file={file.file} description={t('keys.handOver')} onClose={() => setFile(null)} /> : null}
    </>
  );
}
