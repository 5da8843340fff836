import { Alert, App, Button, Card, Flex, Form, InputNumber, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunSettings } from '../../../shared/domain/run-safety';
import { call } from '../../api/session-call';
import { errorMessage } from '../../lib/errors';
import { applyApiError } from '../../lib/form-errors';
import { useCan } from '../../stores/session-store';

const fields = ['default_timeout', 'confirm_hosts'] as const;

/** Safe by default: the Run page's default timeout and how many hosts ask for a typed confirmation (admins change them). */
export function RunSettingsCard() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const canChange = useCan('system:admin');
  const [form] = Form.useForm<RunSettings>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('runs.settings', {}).then(
      (s) => {
        form.setFieldsValue(s);
        setLoaded(true);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  }, [form]);

  const save = async (v: RunSettings): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      form.setFieldsValue(await call('runs.set-settings', v));
      void message.success(t('run.settings.saved'));
    } catch (err) {
      setError(applyApiError(form, err, fields));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('run.settings.title')}>
      <Typography.Paragraph type="secondary">{t('run.settings.text')}</Typography.Paragraph>
      <Form<RunSettings> form={form} layout="vertical" disabled={!canChange || !loaded} onFinish={(v) => void save(v)}>
        {/* Tops aligned: the timeout's hint below it must not push the other field down; the button's blank label puts it level with the inputs. */}
        <Flex gap={24} wrap align="flex-start">
          <Form.Item name="default_timeout" label={t('run.settings.timeout')} extra={t('run.settings.timeoutHint')} style={{ width: 220 }}>
            <InputNumber min={0} max={7 * 86400} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="confirm_hosts" label={t('run.settings.confirmHosts')} style={{ width: 220 }}>
            <InputNumber min={2} max={10_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label=" " colon={false}>
            <Button htmlType="submit" loading={saving}>
              {t('run.settings.save')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {!canChange ? <Typography.Text type="secondary">{t('run.settings.needsAdmin')}</Typography.Text> : null}
      {error ? <Alert type="error" showIcon message={t('run.settings.failed')} description={error} closable onClose={() => setError(null)} /> : null}
    </Card>
  );
}
