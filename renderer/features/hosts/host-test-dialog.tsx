import { Button, Descriptions, Modal, Result, Spin, Tag, Typography } from 'antd';
import type { Host, HostTestResult } from '../../../shared/domain/hosts';
import { FingerprintText } from '../../components/fingerprint-text';
import { keyTypeLabel } from './host-form-model';
import { HostKeyMismatchDialog, HostKeyPendingDialog } from './host-key-dialog';
import { useTranslation } from 'react-i18next';

/** Where a test stands: waiting on the core, or a result to show. */
export type TestPhase = { readonly kind: 'working'; readonly text: string } | { readonly kind: 'result'; readonly result: HostTestResult; readonly note?: string };

export interface HostTestDialogProps {
  readonly host: Host;
  readonly phase: TestPhase;
  readonly canTrust: boolean;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onClose: () => void;
  readonly onRetest: () => void;
  readonly onAccept: (fingerprint: string, repin: boolean) => void;
}

/** Codes with a hint of what to check (`hosts.test.hints.<code>`). */
const hinted = new Set(['ssh_auth', 'ssh_connect']);

/** The outcome of "Test": OK, a key to pin, a changed key, or an error. */
export function HostTestDialog(p: HostTestDialogProps) {
  const { t } = useTranslation();
  const { host, phase } = p;
  if (phase.kind === 'working') {
    return (
      <Modal open title={t('hosts.test.testing', { name: host.name })} onCancel={p.onClose} footer={null}>
        <div style={{ padding: '32px 0', textAlign: 'center' }}>
          <Spin />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {phase.text}
          </Typography.Paragraph>
        </div>
      </Modal>
    );
  }
  const r = phase.result;
  if (!r.ok && r.host_key.status === 'pending') {
    return <HostKeyPendingDialog host={host} result={r} canTrust={p.canTrust} busy={p.busy} error={p.error} onClose={p.onClose} onAccept={(fp) => p.onAccept(fp, false)} />;
  }
  if (!r.ok && (r.host_key.status === 'mismatch' || r.error?.code === 'host_key_mismatch')) {
    return <HostKeyMismatchDialog host={host} result={r} canTrust={p.canTrust} busy={p.busy} error={p.error} onClose={p.onClose} onRepin={(fp) => p.onAccept(fp, true)} />;
  }
  const footer = [
    <Button key="again" onClick={p.onRetest}>
      {t('hosts.test.again')}
    </Button>,
    <Button key="close" type="primary" autoFocus onClick={p.onClose}>
      {t('hosts.test.done')}
    </Button>,
  ];
  if (r.ok) {
    return (
      <Modal open title={t('hosts.test.title', { name: host.name })} onCancel={p.onClose} footer={footer} width={560}>
        <Result
          status="success"
          title={t('hosts.test.ok')}
          subTitle={`${phase.note ? `${phase.note} ` : ''}${t('hosts.test.okText', { who: `${host.username}@${host.host}`, ms: r.elapsed_ms })}`}
          style={{ padding: '16px 0 8px' }}
        />
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            { key: 'key', label: t('hosts.field.hostKey'), children: <><Tag color="green">{t('status.hostKey.trusted')}</Tag> {keyTypeLabel(r.host_key.key_type)}</> },
            { key: 'fp', label: t('hosts.test.fingerprint'), children: <FingerprintText value={r.host_key.fingerprint} copyable /> },
          ]}
        />
      </Modal>
    );
  }
  const code = r.error?.code ?? 'error';
  return (
    <Modal open title={t('hosts.test.title', { name: host.name })} onCancel={p.onClose} footer={footer} width={560}>
      <Result
        status="error"
        title={t('hosts.test.failed')}
        subTitle={
          <>
            <Tag color="red">{code}</Tag>
            {r.error?.message ?? t('hosts.test.failedText')}
          </>
        }
        style={{ padding: '16px 0 8px' }}
      >
        {hinted.has(code) ? <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t(`hosts.test.hints.${code}`)}</Typography.Paragraph> : null}
      </Result>
    </Modal>
  );
}
