import { FolderOpenOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Result, Table, theme, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { OpOutput } from '../../../shared/api/contract';
import { errorMessage } from '../../lib/errors';
import { hostsStore } from '../../stores/hosts-store';
import { useTranslation } from 'react-i18next';

type ImportResult = OpOutput<'hosts.import-ssh-config'>;

interface ImportValues {
  content: string;
  default_username?: string;
}

/** Paste (or open) an OpenSSH config, preview what it would create, then import. The file is read here, never uploaded. */
export function SshImportModal({ onClose }: { readonly onClose: () => void }) {
  const { t } = useTranslation();
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
    reader.onerror = () => void message.error(t('taskYaml.readFailed', { file: file.name }));
    reader.readAsText(file);
    return false;
  };

  if (done) {
    return (
      <Modal open title={t('hosts.import.title')} onCancel={onClose} footer={<Button type="primary" onClick={onClose}>{t('hosts.test.done')}</Button>}>
        <Result
          status={done.created.length ? 'success' : 'info'}
          title={t('hosts.import.imported', { count: done.created.length })}
          subTitle={done.skipped.length ? t('hosts.import.skippedTest', { n: done.skipped.length }) : t('hosts.import.test')}
        />
      </Modal>
    );
  }

  const willCreate = preview?.created.length ?? 0;
  return (
    <Modal
      open
      title={t('hosts.import.title')}
      width={720}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.action.cancel')}
        </Button>,
        <Button key="preview" loading={busy === 'preview'} onClick={() => void run(true)}>
          {t('hosts.import.preview')}
        </Button>,
        <Button key="import" type="primary" disabled={!willCreate} loading={busy === 'import'} onClick={() => void run(false)}>
          {willCreate ? t('hosts.import.importN', { count: willCreate }) : t('taskYaml.import')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        {t('hosts.import.hint')}
      </Typography.Paragraph>
      <Form form={form} name="ssh-import" layout="vertical" onFinish={() => void run(true)} onValuesChange={() => setPreview(null)}>
        <Form.Item
          name="content"
          label={t('hosts.import.config')}
          extra={
            <Upload showUploadList={false} beforeUpload={readFile} maxCount={1}>
              <Button size="small" icon={<FolderOpenOutlined />} style={{ marginTop: 6 }}>
                {t('taskYaml.openFile')}
              </Button>
            </Upload>
          }
          rules={[{ required: true, whitespace: true, message: t('hosts.import.required') }]}
        >
          <Input.TextArea
            rows={9}
            spellCheck={false}
            placeholder={'Host db-1\n  HostName 10.0.0.5\n  User postgres\n  IdentityFile ~/.ssh/id_ed25519'}
            style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM }}
          />
        </Form.Item>
        <Form.Item name="default_username" label={t('hosts.import.defaultUser')} extra={t('hosts.import.defaultUserExtra')}>
          <Input placeholder="deploy" style={{ width: 240 }} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon message={t('hosts.import.failed')} description={error} role="alert" /> : null}
      {preview ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('hosts.import.willCreate', { n: preview.created.length })}
          </Typography.Title>
          <Table
            size="small"
            rowKey="name"
            pagination={false}
            scroll={{ y: 180 }}
            dataSource={preview.created}
            columns={[
              { title: t('tasks.field.name'), dataIndex: 'name' },
              { title: t('instances.field.host'), dataIndex: 'host', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            ]}
            locale={{ emptyText: t('hosts.import.nothingNew') }}
          />
          {preview.skipped.length ? (
            <>
              <Typography.Title level={5}>{t('hosts.import.skipped', { n: preview.skipped.length })}</Typography.Title>
              <Table
                size="small"
                rowKey={(r) => `${r.name}:${r.reason}`}
                pagination={false}
                scroll={{ y: 140 }}
                dataSource={preview.skipped}
                columns={[
                  { title: t('tasks.field.name'), dataIndex: 'name', width: 200 },
                  { title: t('tasks.slots.reason'), dataIndex: 'reason' },
                ]}
              />
            </>
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
