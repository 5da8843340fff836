import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Popconfirm, Radio, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import type { TrustedKey } from '../../../shared/domain/bundles';
import { call } from '../../api/session-call';
import { ErrorAlert } from '../../components/error-alert';
import { FingerprintText } from '../../components/fingerprint-text';
import { Time } from '../../components/time-text';
import { errorMessage } from '../../lib/errors';
import { useCan } from '../../stores/session-store';

interface AddForm {
  text: string;
  kind: 'user' | 'console';
  user_name?: string;
  role?: string;
  label?: string;
}

function AddKeyModal({ onClose, onAdded }: { readonly onClose: () => void; readonly onAdded: (t: TrustedKey) => void }) {
  const [form] = Form.useForm<AddForm>();
  const kind = Form.useWatch('kind', form);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: AddForm): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      onAdded(await call('trust.add', { text: v.text, kind: v.kind, ...(v.kind === 'user' ? { user_name: v.user_name, role: v.role } : {}), label: v.label ?? '' }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="Trust a public key" okText="Trust key" confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} width={640}>
      {error ? <ErrorAlert title="Not trusted" message={error} /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: 'user' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="kind" label="Whose key">
          <Radio.Group options={[{ value: 'user', label: 'An approver (decisions signed with it)' }, { value: 'console', label: 'Another console (request bundles it exports)' }]} />
        </Form.Item>
        <Form.Item name="text" label="Key" rules={[{ required: true, message: 'Paste the key or pick its file' }]} extra="A Taskdeck key file (.tdkey), an ssh-ed25519 line, or a PEM public key.">
          <Input.TextArea rows={5} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Upload accept=".tdkey,.pub,.pem,.json" showUploadList={false} beforeUpload={(file) => { void file.text().then((text) => form.setFieldValue('text', text)); return false; }}>
          <Button style={{ marginBottom: 12 }}>Read a key file…</Button>
        </Upload>
        {kind === 'user' ? (
          <>
            <Form.Item name="user_name" label="User" rules={[{ required: true, message: 'Name who decisions signed with this key count as here' }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="role" label="Role it approves with" rules={[{ required: true, message: 'Name the role' }]}>
              <Input autoComplete="off" placeholder="dba" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="label" label="Label">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Settings → Trust store: the public keys this console accepts signatures from, each bound to a user and role or to a console. */
export function TrustStoreCard() {
  const canAdmin = useCan('users:admin');
  const [rows, setRows] = useState<TrustedKey[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const load = (): void => {
    setError(null);
    call('trust.list').then(setRows, (err: unknown) => setError(errorMessage(err)));
  };
  useEffect(load, []);
  const revoke = async (id: number): Promise<void> => {
    try {
      const t = await call('trust.revoke', { id });
      setRows((rs) => rs?.map((r) => (r.id === id ? t : r)) ?? null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Card size="small" title="Trust store" extra={<Button size="small" icon={<PlusOutlined />} disabled={!canAdmin} onClick={() => setAdding(true)}>Trust a key</Button>}>
      <Typography.Paragraph type="secondary">
        Decisions from another workstation are applied only when signed by a key trusted here, as the user and role it is bound to. Request bundles are accepted for review only from consoles whose key is trusted here.
      </Typography.Paragraph>
      {error ? <ErrorAlert message={error} onRetry={load} /> : null}
      <Table<TrustedKey>
        size="small"
        rowKey="id"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={false}
        columns={[
          { title: 'Fingerprint', dataIndex: 'key_id', render: (v: string) => <FingerprintText value={v} copyable /> },
          { title: 'Bound to', render: (_, t) => (t.kind === 'console' ? <>console <Typography.Text code>{t.console_id}</Typography.Text></> : <>{t.user_name} <Tag>{t.role}</Tag></>) },
          { title: 'Added', render: (_, t) => <>{t.added_by}, <Time relative value={t.added_at} /></> },
          {
            title: 'State',
            render: (_, t) => (t.revoked_at ? <Tag color="error">revoked by {t.revoked_by}</Tag> : canAdmin ? (
              <Popconfirm title="Revoke this key?" description="Bundles signed with it are refused from now on." okText="Revoke" okButtonProps={{ danger: true }} onConfirm={() => void revoke(t.id)}>
                <Button size="small" danger>Revoke</Button>
              </Popconfirm>
            ) : <Tag color="success">trusted</Tag>),
          },
        ]}
      />
      {adding ? <AddKeyModal onClose={() => setAdding(false)} onAdded={(t) => { setRows((rs) => [...(rs ?? []), t]); setAdding(false); }} /> : null}
    </Card>
  );
}
