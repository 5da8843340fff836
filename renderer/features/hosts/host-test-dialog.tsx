import { Button, Descriptions, Modal, Result, Spin, Tag, Typography } from 'antd';
import type { Host, HostTestResult } from '../../../shared/domain/hosts';
import { FingerprintText } from '../../components/fingerprint-text';
import { keyTypeLabel } from './host-form-model';
import { HostKeyMismatchDialog, HostKeyPendingDialog } from './host-key-dialog';

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

const hints: Record<string, string> = {
  ssh_auth: 'The host key is trusted, but the server refused the credentials. Check the username and the key, agent or password.',
  ssh_connect: 'Taskdeck could not open an SSH session. Check the address and port, the firewall, and the jump host if there is one.',
};

/** The outcome of "Test": OK, a key to pin, a changed key, or an error. */
export function HostTestDialog(p: HostTestDialogProps) {
  const { host, phase } = p;
  if (phase.kind === 'working') {
    return (
      <Modal open title={`Testing ${host.name}`} onCancel={p.onClose} footer={null}>
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
      Test again
    </Button>,
    <Button key="close" type="primary" autoFocus onClick={p.onClose}>
      Done
    </Button>,
  ];
  if (r.ok) {
    return (
      <Modal open title={`Connection test: ${host.name}`} onCancel={p.onClose} footer={footer} width={560}>
        <Result
          status="success"
          title="Connection OK"
          subTitle={`${phase.note ? `${phase.note} ` : ''}${host.username}@${host.host} authenticated in ${r.elapsed_ms} ms.`}
          style={{ padding: '16px 0 8px' }}
        />
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            { key: 'key', label: 'Host key', children: <><Tag color="green">trusted</Tag> {keyTypeLabel(r.host_key.key_type)}</> },
            { key: 'fp', label: 'Fingerprint', children: <FingerprintText value={r.host_key.fingerprint} copyable /> },
          ]}
        />
      </Modal>
    );
  }
  const code = r.error?.code ?? 'error';
  return (
    <Modal open title={`Connection test: ${host.name}`} onCancel={p.onClose} footer={footer} width={560}>
      <Result
        status="error"
        title="Connection failed"
        subTitle={
          <>
            <Tag color="red">{code}</Tag>
            {r.error?.message ?? 'the test failed'}
          </>
        }
        style={{ padding: '16px 0 8px' }}
      >
        {hints[code] ? <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{hints[code]}</Typography.Paragraph> : null}
      </Result>
    </Modal>
  );
}
