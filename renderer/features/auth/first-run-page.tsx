import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../stores/prefs-store';
import { LanguageSelect } from '../settings/language-select';
import { PASSWORD_MIN_LENGTH } from '../../../shared/domain/users';
import { applyPasswordError, passwordLengthRule } from '../account/password-form';
import { useSession } from '../../stores/session-store';
import { AuthCard } from './auth-card';

interface SetupValues {
  user_name: string;
  nick_name?: string;
  email?: string;
  password: string;
  confirm: string;
}

/** Shown once, while the store has no users: create the first admin, then sign in as them. */
export function FirstRunPage() {
  const [form] = Form.useForm<SetupValues>();
  const setUp = useSession((s) => s.setUp);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  const language = usePrefs((s) => s.language);
  const setLanguage = usePrefs((s) => s.setLocalLanguage);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: SetupValues): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await setUp({ user_name: v.user_name, nick_name: v.nick_name ?? '', email: v.email?.trim() ? v.email.trim() : null, password: v.password });
    } catch (err) {
      setError(applyPasswordError(form, err, t, ['user_name', 'nick_name', 'email', 'password']));
      setBusy(false);
    }
  };

  return (
    <AuthCard
      title={t('auth.firstRun.title')}
      subtitle={t('auth.firstRun.subtitle')}
      extra={<LanguageSelect value={language} onChange={setLanguage} />}
      width={420}
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form form={form} name="first-run" layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item name="user_name" label={t('auth.field.userName')} rules={[{ required: true, message: t('auth.firstRun.userRequired') }]} extra={t('auth.firstRun.userHint')}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="nick_name" label={t('auth.field.displayName')}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="email" label={t('auth.field.email')}>
          <Input type="email" autoComplete="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.field.password')}
          extra={t('account.rules.hint', { min: PASSWORD_MIN_LENGTH })}
          rules={[{ required: true, message: t('auth.firstRun.passwordRequired') }, passwordLengthRule(t)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.field.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('auth.firstRun.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_r, value) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('auth.firstRun.passwordsDiffer')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('auth.firstRun.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
