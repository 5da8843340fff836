import { Alert, Button, Card, Form, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderSettings } from '../../../shared/domain/notifications';
import { ApiError } from '../../api/client';
import { call } from '../../api/session-call';
import { errorMessage } from '../../lib/errors';
import { useCan } from '../../stores/session-store';

/** Numbers typed as tags: the thresholds a reminder is due at. */
function ThresholdSelect({ value, onChange, suffix, id, disabled }: { value?: number[]; onChange?: (v: number[]) => void; suffix: string; id: string; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      mode="tags"
      disabled={disabled}
      value={(value ?? []).map(String)}
      onChange={(v: string[]) => onChange?.(v.map(Number).filter((n) => Number.isFinite(n)))}
      tokenSeparators={[',', ' ']}
      open={false}
      suffixIcon={<Typography.Text type="secondary">{suffix}</Typography.Text>}
      placeholder={t('alerts.reminders.none')}
    />
  );
}

/** When approvers and requesters are reminded before a request's window lapses (admins change it). */
export function RemindersCard() {
  const canEdit = useCan('system:admin');
  const { t } = useTranslation();
  const [form] = Form.useForm<ReminderSettings>();
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('reminders.settings').then((s) => (form.setFieldsValue(s), setLoaded(true)), (err: unknown) => setError(errorMessage(err)));
  }, [form]);
  const save = async (v: ReminderSettings): Promise<void> => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      form.setFieldsValue(await call('reminders.set-settings', v));
      setSaved(true);
    } catch (err) {
      if (err instanceof ApiError) form.setFields(Object.entries(err.fieldErrors()).map(([f, m]) => ({ name: f.split('.')[0] as keyof ReminderSettings, errors: [m] })));
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('alerts.reminders.title')}>
      <Typography.Paragraph type="secondary">{t('alerts.reminders.text')}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(v) => void save(v)} disabled={!loaded || !canEdit}>
        <Form.Item name="enabled" label={t('alerts.reminders.remind')} valuePropName="checked" htmlFor="reminders-enabled">
          <Switch id="reminders-enabled" />
        </Form.Item>
        <Form.Item name="percent_left" label={t('alerts.reminders.percent')} htmlFor="reminders-percent" style={{ minWidth: 200 }}>
          <ThresholdSelect id="reminders-percent" suffix="%" disabled={!loaded || !canEdit} />
        </Form.Item>
        <Form.Item name="minutes_left" label={t('alerts.reminders.minutes')} htmlFor="reminders-minutes" style={{ minWidth: 220 }}>
          <ThresholdSelect id="reminders-minutes" suffix={t('alerts.reminders.minutesUnit')} disabled={!loaded || !canEdit} />
        </Form.Item>
        {canEdit ? (
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>{t('alerts.reminders.save')}</Button>
          </Form.Item>
        ) : null}
      </Form>
      {!canEdit ? <Typography.Text type="secondary">{t('alerts.reminders.needsAdmin')}</Typography.Text> : null}
      {error ? <Alert style={{ marginTop: 8 }} type="error" showIcon message={error} /> : null}
      {saved ? <Alert style={{ marginTop: 8 }} type="success" showIcon message={t('alerts.reminders.saved')} /> : null}
    </Card>
  );
}
