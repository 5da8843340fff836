import { FolderOpenOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Result, Table, theme, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { OpOutput } from '../../../shared/api/contract';
import { errorMessage } from '../../lib/errors';
import { hostsStore } from '../../stores/hosts-store';

type ImportResult = OpOutput<'hosts.import-ssh-config'>;

interface ImportValues {
  content: string;
  default_username?: string;
}

/** Paste (or open) an OpenSSH config, preview what it would create, then import. The file is read here, never uploaded. */
export function SshImportModal({ onClose }: { readonly onClose: () => void }) {
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const [form] = Form.useForm<ImportValues>();
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (dryRun: boolean): Promise<void> => {
    let v: ImportValues;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setBusy(dryRun ? 'preview' : 'import');
    setError(null);
    try {
      const r = await hostsStore.getState().importSshConfig({ content: v.content, dry_run: dryRun, default_username: v.default_username?.trim() || undefined });
      if (dryRun) setPreview(r);
      else setDone(r);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const readFile = (file: File): false => {
    const reader = new FileReader();
    reader.onload = () => {
      form.setFieldValue('content', String(reader.result ?? ''));
      setPreview(null);
    };
    reader.onerror = () => void message.error(`Could not read ${file.name}`);
    reader.readAsText(file);
    return false;
  };

  if (done) {
    return (
      <Modal open title="Import hosts from OpenSSH config" onCancel={onClose} footer={<Button type="primary" onClick={onClose}>Done</Button>}>
        <Result
          status={done.created.length ? 'success' : 'info'}
          title={`Imported ${done.created.length} host${done.created.length === 1 ? '' : 's'}`}
          subTitle={done.skipped.length ? `${done.skipped.length} skipped. Test each new host to pin its key.` : 'Test each new host to pin its key.'}
        />
      </Modal>
    );
  }

  const willCreate = preview?.created.length ?? 0;
  return (
    <Modal
      open
      title="Import hosts from OpenSSH config"
      width={720}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          Cancel
        </Button>,
        <Button key="preview" loading={busy === 'preview'} onClick={() => void run(true)}>
          Preview
        </Button>,
        <Button key="import" type="primary" disabled={!willCreate} loading={busy === 'import'} onClick={() => void run(false)}>
          {willCreate ? `Import ${willCreate} host${willCreate === 1 ? '' : 's'}` : 'Import'}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        Paste your <Typography.Text code>~/.ssh/config</Typography.Text> or open it. The file is read here and sent as text; wildcard hosts are skipped. Hosts come in
        with their IdentityFile path (or agent auth), ProxyJump as jump host, and the lowest free machine IDs.
      </Typography.Paragraph>
      <Form form={form} name="ssh-import" layout="vertical" onFinish={() => void run(true)} onValuesChange={() => setPreview(null)}>
        <Form.Item
          name="content"
          label="OpenSSH config"
          extra={
            <Upload showUploadList={false} beforeUpload={readFile} maxCount={1}>
              <Button size="small" icon={<FolderOpenOutlined />} style={{ marginTop: 6 }}>
                Open file…
              </Button>
            </Upload>
          }
          rules={[{ required: true, whitespace: true, message: 'Paste a config or open a file' }]}
        >
          <Input.TextArea
            rows={9}
            spellCheck={false}
            placeholder={'Host db-1\n  HostName 10.0.0.5\n  User postgres\n  IdentityFile ~/.ssh/id_ed25519'}
            style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM }}
          />
        </Form.Item>
        <Form.Item name="default_username" label="Default username" extra="For hosts without a User line.">
          <Input placeholder="deploy" style={{ width: 240 }} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon message="Import failed" description={error} role="alert" /> : null}
      {preview ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            Will be created ({preview.created.length})
          </Typography.Title>
          <Table
            size="small"
            rowKey="name"
            pagination={false}
            scroll={{ y: 180 }}
            dataSource={preview.created}
            columns={[
              { title: 'Name', dataIndex: 'name' },
              { title: 'Host', dataIndex: 'host', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            ]}
            locale={{ emptyText: 'Nothing new to create' }}
          />
          {preview.skipped.length ? (
            <>
              <Typography.Title level={5}>Skipped ({preview.skipped.length})</Typography.Title>
              <Table
                size="small"
                rowKey={(r) => `${r.name}:${r.reason}`}
                pagination={false}
                scroll={{ y: 140 }}
                dataSource={preview.skipped}
                columns={[
                  { title: 'Name', dataIndex: 'name', width: 200 },
                  { title: 'Reason', dataIndex: 'reason' },
                ]}
              />
            </>
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
