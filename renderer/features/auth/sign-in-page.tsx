import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { parseHash } from '../../app/hash-route';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../stores/prefs-store';
import { LanguageSelect } from '../settings/language-select';
import { applyApiError } from '../../lib/form-errors';
import { useSession } from '../../stores/session-store';
import { preloadConsole } from '../shell/lazy-pages';
import { AuthCard } from './auth-card';

interface SignInValues {
  user_name: string;
  password: string;
}

export function SignInPage() {
  const [form] = Form.useForm<SignInValues>();
  const signIn = useSession((s) => s.signIn);
  const notice = useSession((s) => s.notice);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  const language = usePrefs((s) => s.language);
  const setLanguage = usePrefs((s) => s.setLocalLanguage);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: SignInValues): Promise<void> => {
    setBusy(true);
    setError(null);
    preloadConsole(parseHash(window.location.hash).segments); // while the password is checked
    try {
      await signIn(v.user_name, v.password);
    } catch (err) {
      setError(applyApiError(form, err, ['user_name', 'password']));
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('auth.signIn.title')} subtitle={t('auth.signIn.subtitle')} extra={<LanguageSelect value={language} onChange={setLanguage} />}>
      {notice && !error ? <Alert type="warning" showIcon message={notice} style={{ marginBottom: 16 }} /> : null}
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form form={form} name="sign-in" layout="vertical" requiredMark={false} onFinish={submit} disabled={busy}>
        <Form.Item name="user_name" label={t('auth.field.userName')} rules={[{ required: true, message: t('auth.signIn.userRequired') }]}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.field.password')} rules={[{ required: true, message: t('auth.signIn.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('auth.signIn.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
