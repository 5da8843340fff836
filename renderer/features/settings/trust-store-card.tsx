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
import { useTranslation } from 'react-i18next';

interface AddForm {
  text: string;
  kind: 'user' | 'console';
  user_name?: string;
  role?: string;
  label?: string;
}

function AddKeyModal({ onClose, onAdded }: { readonly onClose: () => void; readonly onAdded: (t: TrustedKey) => void }) {
  const { t } = useTranslation();
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
    <Modal open title={t('trust.addTitle')} okText={t('trust.addOk')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} width={640}>
      {error ? <ErrorAlert title={t('trust.notTrusted')} message={error} /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: 'user' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="kind" label={t('trust.whose')}>
          <Radio.Group options={[{ value: 'user', label: t('trust.kindUser') }, { value: 'console', label: t('trust.kindConsole') }]} />
        </Form.Item>
        <Form.Item name="text" label={t('trust.key')} rules={[{ required: true, message: t('trust.keyRequired') }]} extra={t('trust.keyExtra')}>
          <Input.TextArea rows={5} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Upload accept=".tdkey,.pub,.pem,.json" showUploadList={false} beforeUpload={(file) => { void file.text().then((text) => form.setFieldValue('text', text)); return false; }}>
          <Button style={{ marginBottom: 12 }}>{t('trust.readFile')}</Button>
        </Upload>
        {kind === 'user' ? (
          <>
            <Form.Item name="user_name" label={t('permissions.field.user')} rules={[{ required: true, message: t('trust.userRequired') }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="role" label={t('trust.role')} rules={[{ required: true, message: t('trust.roleRequired') }]}>
              <Input autoComplete="off" placeholder="dba" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="label" label={t('trust.label')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Settings → Trust store: the public keys this console accepts signatures from, each bound to a user and role or to a console. */
export function TrustStoreCard() {
  const { t } = useTranslation();
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
    <Card size="small" title={t('trust.title')} extra={<Button size="small" icon={<PlusOutlined />} disabled={!canAdmin} onClick={() => setAdding(true)}>{t('trust.add')}</Button>}>
      <Typography.Paragraph type="secondary">
        {t('trust.text')}
      </Typography.Paragraph>
      {error ? <ErrorAlert message={error} onRetry={load} /> : null}
      <Table<TrustedKey>
        size="small"
        rowKey="id"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={false}
        columns={[
          { title: t('hosts.test.fingerprint'), dataIndex: 'key_id', render: (v: string) => <FingerprintText value={v} copyable /> },
          { title: t('trust.boundTo'), render: (_, k) => (k.kind === 'console' ? <>{t('trust.console')} <Typography.Text code>{k.console_id}</Typography.Text></> : <>{k.user_name} <Tag>{k.role}</Tag></>) },
          { title: t('trust.added'), render: (_, k) => <>{k.added_by}, <Time relative value={k.added_at} /></> },
          {
            title: t('trust.state'),
            render: (_, k) => (k.revoked_at ? <Tag color="error">{t('trust.revokedBy', { by: k.revoked_by })}</Tag> : canAdmin ? (
              <Popconfirm title={t('trust.revokeTitle')} description={t('trust.revokeText')} okText={t('permissions.revoke.ok')} okButtonProps={{ danger: true }} onConfirm={() => void revoke(k.id)}>
                <Button size="small" danger>{t('permissions.revoke.ok')}</Button>
              </Popconfirm>
            ) : <Tag color="success">{t('trust.trusted')}</Tag>),
          },
        ]}
      />
      {adding ? <AddKeyModal onClose={() => setAdding(false)} onAdded={(k) => { setRows((rs) => [...(rs ?? []), k]); setAdding(false); }} /> : null}
    </Card>
  );
}
