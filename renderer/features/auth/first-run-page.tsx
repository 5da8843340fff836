import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { applyApiError } from '../../lib/form-errors';
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
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: SetupValues): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await setUp({ user_name: v.user_name, nick_name: v.nick_name ?? '', email: v.email?.trim() ? v.email.trim() : null, password: v.password });
    } catch (err) {
      setError(applyApiError(form, err, ['user_name', 'nick_name', 'email', 'password']));
      setBusy(false);
    }
  };

  return (
    <AuthCard
      title="Create the first administrator"
      subtitle="This Taskdeck has no users yet. The account you create here can add everyone else."
      width={420}
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form form={form} name="first-run" layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item name="user_name" label="User name" rules={[{ required: true, message: 'Choose a user name' }]} extra="Letters, digits, “.”, “_” and “-”.">
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="nick_name" label="Display name">
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="email" label="Email (optional)">
          <Input type="email" autoComplete="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label="Password"
          rules={[{ required: true, message: 'Choose a password' }, { min: 8, message: 'At least 8 characters' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="Confirm password"
          dependencies={['password']}
          rules={[
            { required: true, message: 'Repeat the password' },
            ({ getFieldValue }) => ({
              validator: (_r, value) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error('The passwords differ'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          Create administrator and sign in
        </Button>
      </Form>
    </AuthCard>
  );
}
