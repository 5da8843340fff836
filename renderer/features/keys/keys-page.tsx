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

function KeyFacts({ k }: { readonly k: SigningKeyView }) {
  return (
    <Descriptions
      column={1}
      size="small"
      styles={{ label: { width: 140 } }}
      items={[
        { key: 'f', label: 'Fingerprint', children: <FingerprintText value={k.key_id} copyable /> },
        { key: 'o', label: 'OpenSSH form', children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{k.openssh}</Typography.Text> },
        { key: 'c', label: 'Created', children: <Time relative value={k.created_at} /> },
      ]}
    />
  );
}

/** Your signing key (for decisions given away from the home console) and this console's key (for the bundles it exports). */
export function KeysPage() {
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
      setFile({ title: which === 'mine' ? 'Your public key file' : 'This console\'s public key file', file: await call('keys.export', { which }) });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <>
      <PageHeader title="Signing keys" subtitle="Ed25519 keys for approvals given away from the console. Private keys stay encrypted in this console and are never shown." />
      {error ? <ErrorAlert message={error} onRetry={load} /> : null}
      <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 820 }}>
        <Card size="small" title="Your key">
          {mine === undefined ? <Skeleton active /> : null}
          {mine === null ? (
            <Alert type="info" showIcon message="You have no signing key" description="Create one to approve or reject requests exported from another console. Then send its public key file to that console's administrator." style={{ marginBottom: 12 }} />
          ) : null}
          {mine ? <KeyFacts k={mine} /> : null}
          <Space>
            {mine ? (
              <Popconfirm title="Replace your key?" description="Consoles that trust the old key must be sent the new public key file." okText="Replace" onConfirm={() => void create()}>
                <Button icon={<KeyOutlined />} loading={busy}>Replace key</Button>
              </Popconfirm>
            ) : (
              <Button type="primary" icon={<KeyOutlined />} loading={busy} onClick={() => void create()}>Create signing key</Button>
            )}
            <Button icon={<ExportOutlined />} disabled={!mine} onClick={() => void exportFile('mine')}>Export public key file</Button>
          </Space>
        </Card>
        <Card size="small" title="This console's key">
          <Typography.Paragraph type="secondary">It signs the request bundles this console exports. A reviewer's console must trust it (Settings → Trust store) before it accepts them.</Typography.Paragraph>
          {consoleKey ? (
            <>
              <Descriptions column={1} size="small" styles={{ label: { width: 140 } }} items={[{ key: 'id', label: 'Console id', children: <Typography.Text code copyable>{consoleKey.console_id}</Typography.Text> }]} />
              <KeyFacts k={consoleKey} />
            </>
          ) : <Skeleton active />}
          <Button icon={<ExportOutlined />} disabled={!consoleKey} onClick={() => void exportFile('console')}>Export console key file</Button>
        </Card>
      </Space>
      {file ? <FileTextModal canDownload={api.transport === 'http'} title={file.title} file={file.file} description="Hand this file to the other console's administrator; it holds only the public key." onClose={() => setFile(null)} /> : null}
    </>
  );
}
