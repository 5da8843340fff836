import { Alert, App, Button, Card, Flex, Form, InputNumber, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { RunSettings } from '../../../shared/domain/run-safety';
import { call } from '../../api/session-call';
import { errorMessage } from '../../lib/errors';
import { applyApiError } from '../../lib/form-errors';
import { useCan } from '../../stores/session-store';

const fields = ['default_timeout', 'confirm_hosts'] as const;

/** Safe by default: the Run page's default timeout and how many hosts ask for a typed confirmation (admins change them). */
export function RunSettingsCard() {
  const { message } = App.useApp();
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
      void message.success('Run settings saved');
    } catch (err) {
      setError(applyApiError(form, err, fields));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="Runs">
      <Typography.Paragraph type="secondary">
        The Run page proposes this timeout. A run on at least this many hosts, or on a host tagged production (or prod), asks the person to type the number of hosts or
        &quot;production&quot; first; the command line asks too. The API itself stays scriptable.
      </Typography.Paragraph>
      <Form<RunSettings> form={form} layout="vertical" disabled={!canChange || !loaded} onFinish={(v) => void save(v)}>
        <Flex gap={24} wrap align="flex-end">
          <Form.Item name="default_timeout" label="Default timeout (seconds)" extra="0 = no timeout" style={{ width: 220 }}>
            <InputNumber min={0} max={7 * 86400} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="confirm_hosts" label="Typed confirmation from (hosts)" style={{ width: 220 }}>
            <InputNumber min={2} max={10_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={saving}>
              Save
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {!canChange ? <Typography.Text type="secondary">Changing them needs the system:admin permission (administrators).</Typography.Text> : null}
      {error ? <Alert type="error" showIcon message="Run settings" description={error} closable onClose={() => setError(null)} /> : null}
    </Card>
  );
}
