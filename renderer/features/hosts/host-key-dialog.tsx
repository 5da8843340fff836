import { SafetyCertificateOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Modal, Space, theme, Typography } from 'antd';
import { useState } from 'react';
import type { Host, HostTestResult } from '../../../shared/domain/hosts';
import { FingerprintText } from '../../components/fingerprint-text';
import { keyTypeLabel } from './host-form-model';

interface KeyDialogProps {
  readonly host: Host;
  readonly result: HostTestResult;
  readonly canTrust: boolean;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onClose: () => void;
}

/** StrictHostKeyChecking=ask: a key never seen before, shown for the user to compare and pin. */
export function HostKeyPendingDialog({ host, result, canTrust, busy, error, onClose, onAccept }: KeyDialogProps & { readonly onAccept: (fingerprint: string) => void }) {
  const fp = result.host_key.fingerprint;
  return (
    <Modal
      open
      title={
        <Space>
          <SafetyCertificateOutlined />
          Host key not trusted yet: {host.name}
        </Space>
      }
      width={600}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          Cancel
        </Button>,
        <Button key="accept" type="primary" disabled={!canTrust || !fp} loading={busy} onClick={() => fp && onAccept(fp)}>
          Accept
        </Button>,
      ]}
    >
      <Typography.Paragraph>
        The authenticity of host <Typography.Text strong>{host.name}</Typography.Text> (<Typography.Text code>{host.host}</Typography.Text>) can't be established.
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{keyTypeLabel(result.host_key.key_type)} key fingerprint is</Typography.Paragraph>
      <Typography.Paragraph>
        <FingerprintText value={fp} large copyable />
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        Compare it with what the server itself reports, e.g. <Typography.Text code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</Typography.Text> run on the host. No credentials have been sent yet.
      </Typography.Paragraph>
      <Typography.Paragraph strong style={{ marginBottom: 0 }}>
        Accept and pin this key?
      </Typography.Paragraph>
      {!canTrust ? <Alert type="info" showIcon style={{ marginTop: 12 }} message="Pinning host keys needs the hosts:trust permission; ask an administrator or a DBA." /> : null}
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} message={error} role="alert" /> : null}
    </Modal>
  );
}

/** Like OpenSSH's "REMOTE HOST IDENTIFICATION HAS CHANGED!": a hard stop, re-pinning needs the host name typed. */
export function HostKeyMismatchDialog({ host, result, canTrust, busy, error, onClose, onRepin }: KeyDialogProps & { readonly onRepin: (fingerprint: string) => void }) {
  const { token } = theme.useToken();
  const [typed, setTyped] = useState('');
  const presented = result.host_key.fingerprint;
  const expected = result.host_key.expected ?? host.host_key.pinned_fingerprint;
  const confirmed = typed.trim() === host.name;
  return (
    <Modal
      open
      title={
        <Space style={{ color: token.colorError }}>
          <WarningFilled />
          Host key changed: remote host identification has changed!
        </Space>
      }
      width={640}
      onCancel={onClose}
      styles={{ content: { borderTop: `4px solid ${token.colorError}` } }}
      footer={[
        <Button key="cancel" type="primary" autoFocus onClick={onClose}>
          Cancel
        </Button>,
        <Button key="repin" danger disabled={!canTrust || !confirmed || !presented} loading={busy} onClick={() => presented && onRepin(presented)}>
          Re-pin
        </Button>,
      ]}
    >
      <Alert
        type="error"
        showIcon
        message={`The key ${host.name} (${host.host}) presented is not the key you pinned.`}
        description="Someone could be intercepting this connection (a man-in-the-middle attack), or the host key has just been changed, e.g. because the server was reinstalled. Taskdeck stopped before authenticating: no credentials were sent. The host is marked Abnormal and this was written to the audit log."
        style={{ marginBottom: 12 }}
      />
      <Descriptions
        column={1}
        size="small"
        bordered
        styles={{ label: { width: 170 } }}
        items={[
          { key: 'expected', label: 'Pinned (expected)', children: <FingerprintText value={expected} copyable /> },
          { key: 'presented', label: `Presented (${keyTypeLabel(result.host_key.key_type)})`, children: <FingerprintText value={presented} copyable danger /> },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 8 }}>
        Re-pin the new key only if you know why it changed. Check the fingerprint on the server first.
      </Typography.Paragraph>
      {canTrust ? (
        <Form layout="vertical" name="repin" onFinish={() => confirmed && presented && onRepin(presented)}>
          <Form.Item label="Type the host name to confirm" htmlFor="repin_confirm" extra={<>Type <Typography.Text code>{host.name}</Typography.Text> to enable Re-pin.</>} style={{ marginBottom: 0 }}>
            <Input id="repin_confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} status={typed && !confirmed ? 'error' : undefined} />
          </Form.Item>
        </Form>
      ) : (
        <Alert type="info" showIcon message="Re-pinning host keys needs the hosts:trust permission." />
      )}
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} message={error} role="alert" /> : null}
    </Modal>
  );
}
