import { SafetyCertificateOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Modal, Space, theme, Typography } from 'antd';
import { useState } from 'react';
import type { Host, HostTestResult } from '../../../shared/domain/hosts';
import { FingerprintText } from '../../components/fingerprint-text';
import { keyTypeLabel } from './host-form-model';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation();
  const fp = result.host_key.fingerprint;
  return (
    <Modal
      open
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('hosts.keyDialog.pendingTitle', { name: host.name })}
        </Space>
      }
      width={600}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.action.cancel')}
        </Button>,
        <Button key="accept" type="primary" disabled={!canTrust || !fp} loading={busy} onClick={() => fp && onAccept(fp)}>
          {t('hosts.keyDialog.accept')}
        </Button>,
      ]}
    >
      <Typography.Paragraph>
        {t('hosts.keyDialog.authenticityBefore')} <Typography.Text strong>{host.name}</Typography.Text> (<Typography.Text code>{host.host}</Typography.Text>) {t('hosts.keyDialog.authenticityAfter')}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{t('hosts.keyDialog.fingerprintIs', { type: keyTypeLabel(result.host_key.key_type) })}</Typography.Paragraph>
      <Typography.Paragraph>
        <FingerprintText value={fp} large copyable />
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('hosts.keyDialog.compare')} <Typography.Text code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</Typography.Text> {t('hosts.keyDialog.compareAfter')}
      </Typography.Paragraph>
      <Typography.Paragraph strong style={{ marginBottom: 0 }}>
        {t('hosts.keyDialog.acceptQuestion')}
      </Typography.Paragraph>
      {!canTrust ? <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('hosts.keyDialog.needsTrust')} /> : null}
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} message={error} role="alert" /> : null}
    </Modal>
  );
}

/** Like OpenSSH's "REMOTE HOST IDENTIFICATION HAS CHANGED!": a hard stop, re-pinning needs the host name typed. */
export function HostKeyMismatchDialog({ host, result, canTrust, busy, error, onClose, onRepin }: KeyDialogProps & { readonly onRepin: (fingerprint: string) => void }) {
  const { t } = useTranslation();
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
          {t('hosts.keyDialog.mismatchTitle')}
        </Space>
      }
      width={640}
      onCancel={onClose}
      styles={{ content: { borderTop: `4px solid ${token.colorError}` } }}
      footer={[
        <Button key="cancel" type="primary" autoFocus onClick={onClose}>
          {t('common.action.cancel')}
        </Button>,
        <Button key="repin" danger disabled={!canTrust || !confirmed || !presented} loading={busy} onClick={() => presented && onRepin(presented)}>
          {t('hosts.keyDialog.repin')}
        </Button>,
      ]}
    >
      <Alert
        type="error"
        showIcon
        message={t('hosts.keyDialog.notPinned', { name: host.name, host: host.host })}
        description={t('hosts.keyDialog.mitm')}
        style={{ marginBottom: 12 }}
      />
      <Descriptions
        column={1}
        size="small"
        bordered
        styles={{ label: { width: 170 } }}
        items={[
          { key: 'expected', label: t('hosts.keyDialog.expected'), children: <FingerprintText value={expected} copyable /> },
          { key: 'presented', label: t('hosts.keyDialog.presented', { type: keyTypeLabel(result.host_key.key_type) }), children: <FingerprintText value={presented} copyable danger /> },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 8 }}>
        {t('hosts.keyDialog.repinOnly')}
      </Typography.Paragraph>
      {canTrust ? (
        <Form layout="vertical" name="repin" onFinish={() => confirmed && presented && onRepin(presented)}>
          <Form.Item label={t('hosts.keyDialog.typeName')} htmlFor="repin_confirm" extra={<>{t('hosts.keyDialog.typeBefore')} <Typography.Text code>{host.name}</Typography.Text> {t('hosts.keyDialog.typeAfter')}</>} style={{ marginBottom: 0 }}>
            <Input id="repin_confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} status={typed && !confirmed ? 'error' : undefined} />
          </Form.Item>
        </Form>
      ) : (
        <Alert type="info" showIcon message={t('hosts.keyDialog.repinNeedsTrust')} />
      )}
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} message={error} role="alert" /> : null}
    </Modal>
  );
}
