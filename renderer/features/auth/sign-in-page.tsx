import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { parseHash } from '../../app/hash-route';
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
    <AuthCard title="Sign in" subtitle="Use your Taskdeck account on this machine.">
      {notice && !error ? <Alert type="warning" showIcon message={notice} style={{ marginBottom: 16 }} /> : null}
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form form={form} name="sign-in" layout="vertical" requiredMark={false} onFinish={submit} disabled={busy}>
        <Form.Item name="user_name" label="User name" rules={[{ required: true, message: 'Enter your user name' }]}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label="Password" rules={[{ required: true, message: 'Enter your password' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          Sign in
        </Button>
      </Form>
    </AuthCard>
  );
}
