import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../shared/domain/users';
import { call } from '../../api/session-call';
import { applyPasswordError, passwordLengthRule } from './password-form';
import { confirmMatches } from './password-model';

interface Values {
  current_password: string;
  new_password: string;
  again: string;
}

const fields = ['current_password', 'new_password'];

/** Settings → General: change one's own password (the current one first); the other sessions end. */
export function PasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const { ended_sessions } = await call('users.change-password', { current_password: v.current_password, new_password: v.new_password });
      form.resetFields();
      void message.success(ended_sessions > 0 ? t('account.password.changedOthers', { count: ended_sessions }) : t('account.password.changed'));
    } catch (err) {
      setError(applyPasswordError(form, err, t, fields));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('account.password.title')}>
      <Typography.Paragraph type="secondary">{t('account.password.text')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 420 }}>
        <Form.Item name="current_password" label={t('account.password.current')} rules={[{ required: true, message: t('account.password.currentRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="new_password"
          label={t('account.password.next')}
          extra={t('account.rules.hint', { min: PASSWORD_MIN_LENGTH })}
          rules={[{ required: true, message: t('account.password.nextRequired') }, passwordLengthRule(t)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="again"
          label={t('account.password.again')}
          dependencies={['new_password']}
          rules={[
            { required: true, message: t('account.password.nextRequired') },
            ({ getFieldValue }) => ({
              validator: (_r, value: string | undefined) => (confirmMatches(getFieldValue('new_password') as string | undefined, value) ? Promise.resolve() : Promise.reject(new Error(t('account.password.againMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('account.password.change')}
        </Button>
        {error ? <Alert type="error" showIcon message={t('account.password.failed')} description={error} style={{ marginTop: 12 }} /> : null}
      </Form>
    </Card>
  );
}
