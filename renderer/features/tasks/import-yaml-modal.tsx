import { FolderOpenOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Result, theme, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { navigate } from '../../app/hash-route';
import { errorMessage } from '../../lib/errors';
import { tasksStore, type TaskSaveResult } from '../../stores/tasks-store';
import { CheckResultAlerts } from './check-result-alerts';
import { useTranslation } from 'react-i18next';

/** Validation issues of the YAML, one per line ("frequency.time_zone: …"). */
function describeFailure(err: unknown): string[] {
  if (err instanceof ApiError && err.code === 'validation') {
    const fields = (err.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
    if (Array.isArray(fields) && fields.length) return fields.map((f) => (f.field === '(input)' ? f.message : `${f.field}: ${f.message}`));
  }
  return [errorMessage(err)];
}

/** Paste (or open) a task exported as YAML and create it; shows the created task's check result. The file is read here, never uploaded. */
export function ImportYamlModal({ onClose }: { readonly onClose: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ yaml: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string[] | null>(null);
  const [done, setDone] = useState<TaskSaveResult | null>(null);

  const submit = async ({ yaml }: { yaml: string }): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      setDone(await tasksStore.getState().importYaml(yaml));
    } catch (err) {
      setFailure(describeFailure(err));
    } finally {
      setBusy(false);
    }
  };

  const readFile = (file: File): false => {
    const reader = new FileReader();
    reader.onload = () => {
      form.setFieldValue('yaml', String(reader.result ?? ''));
      setFailure(null);
    };
    reader.onerror = () => void message.error(t('taskYaml.readFailed', { file: file.name }));
    reader.readAsText(file);
    return false;
  };

  if (done) {
    const open = (): void => {
      onClose();
      navigate(`/tasks/${encodeURIComponent(done.task.name)}`);
    };
    return (
      <Modal
        open
        title={t('taskYaml.importTitle')}
        onCancel={onClose}
        footer={[
          <Button key="close" onClick={onClose}>
            {t('common.action.close')}
          </Button>,
          <Button key="open" type="primary" onClick={open}>
            {t('taskYaml.open', { name: done.task.name })}
          </Button>,
        ]}
      >
        <Result status="success" title={t('taskYaml.imported', { name: done.task.name })} subTitle={t('taskYaml.importedText')} style={{ paddingBlock: 12 }} />
        <CheckResultAlerts check={done.check_result} />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('taskYaml.importTitle')}
      width={720}
      onCancel={onClose}
      okText={t('taskYaml.import')}
      okButtonProps={{ htmlType: 'submit', form: 'task-import', loading: busy }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('taskYaml.importHint')}
      </Typography.Paragraph>
      <Form form={form} name="task-import" layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={() => failure && setFailure(null)}>
        <Form.Item
          name="yaml"
          label={t('taskYaml.label')}
          rules={[{ required: true, whitespace: true, message: t('taskYaml.required') }]}
          extra={
            <Upload showUploadList={false} beforeUpload={readFile} maxCount={1} accept=".yaml,.yml,.txt">
              <Button size="small" icon={<FolderOpenOutlined aria-hidden />} style={{ marginTop: 6 }}>
                {t('taskYaml.openFile')}
              </Button>
            </Upload>
          }
        >
          <Input.TextArea
            rows={14}
            spellCheck={false}
            placeholder={'name: nightly-vacuum\ncommand: vacuumdb --all\ncron_expression: 0 3 * * *\nfrequency:\n  mode: repeat\n  time_zone: Europe/Berlin\nbinding_ids: [1]'}
            style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM }}
          />
        </Form.Item>
      </Form>
      {failure ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t('taskYaml.notImported')}
          description={failure.length === 1 ? failure[0] : <ul style={{ margin: 0, paddingInlineStart: 18 }}>{failure.map((f, i) => <li key={i}>{f}</li>)}</ul>}
        />
      ) : null}
    </Modal>
  );
}
