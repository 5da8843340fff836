import { Alert, Button, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { permissionsOf } from '../../../shared/domain/roles';
import { type ApiToken, scopePermissions, type TokenScope, tokenScopes } from '../../../shared/domain/tokens';
import type { User } from '../../../shared/domain/users';
import { call } from '../../api/session-call';
import { applyApiError } from '../../lib/form-errors';
import { expiryChoices, scopeLabels } from './token-model';

interface TokenValues {
  name: string;
  owner: string;
  scopes: TokenScope[];
  expires_in_days: number;
}

/** Scopes the owner's roles grant: a token never holds more than its owner. Users not loaded yet: all (the server checks). */
function grantedScopes(owner: User | undefined): Set<TokenScope> {
  if (!owner) return new Set(tokenScopes);
  const held = permissionsOf(owner.roles);
  return new Set(tokenScopes.filter((s) => [...scopePermissions([s])].every((p) => held.has(p))));
}

/** The secret, shown once with a copy button and a warning; closing the dialog forgets it. */
function SecretOnce({ token, secret, onDone }: { readonly token: ApiToken; readonly secret: string; readonly onDone: () => void }) {
  return (
    <Modal open title={`API token ${token.name} created`} onCancel={onDone} footer={<Button type="primary" onClick={onDone}>I have stored it</Button>} maskClosable={false} destroyOnHidden>
      <Alert
        type="warning"
        showIcon
        role="alert"
        message="Copy this token now: it is shown only once"
        description="Taskdeck keeps only its hash and cannot show it again. Store it where the plug-in reads its secrets; if it is lost, revoke it and create another."
        style={{ marginBottom: 12 }}
      />
      <Typography.Paragraph code copyable={{ text: secret, tooltips: ['Copy token', 'Copied'] }} style={{ wordBreak: 'break-all' }} aria-label="New API token">
        {secret}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        Acts as {token.owner} with {token.scopes.join(', ')}; expires {new Date(token.expires_at).toLocaleString()}.
      </Typography.Text>
    </Modal>
  );
}

/** Create an API token: name, owner, scopes and expiry; then its secret, once. Mount per opening. */
export function TokenCreateModal({ users, me, onClose }: { readonly users: readonly User[]; readonly me: string; readonly onClose: (created?: ApiToken) => void }) {
  const [form] = Form.useForm<TokenValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ token: ApiToken; secret: string } | null>(null);
  const ownerName = Form.useWatch('owner', form) ?? me;
  const granted = useMemo(() => grantedScopes(users.find((u) => u.user_name === ownerName)), [users, ownerName]);

  const submit = async (v: TokenValues): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setCreated(await call('tokens.create', { name: v.name, owner: v.owner, scopes: v.scopes, expires_in_days: v.expires_in_days }));
    } catch (err) {
      setError(applyApiError(form, err, ['name', 'owner', 'scopes', 'expires_in_days']));
    } finally {
      setBusy(false);
    }
  };

  if (created) return <SecretOnce token={created.token} secret={created.secret} onDone={() => onClose(created.token)} />;
  return (
    <Modal open title="New API token" onCancel={() => onClose()} okText="Create token" okButtonProps={{ htmlType: 'submit', form: 'api-token', loading: busy }} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        A plug-in calls the API with this token, as its owner, limited to the scopes chosen here. No token can approve or reject a change request.
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form form={form} name="api-token" layout="vertical" onFinish={submit} initialValues={{ owner: me, scopes: ['read'], expires_in_days: 90 }}>
        <Form.Item name="name" label="Name" rules={[{ required: true, message: 'Name the token after the plug-in that uses it' }]} extra="Every change it makes is audited under this name.">
          <Input autoFocus placeholder="backup-monitor" maxLength={64} />
        </Form.Item>
        <Form.Item name="owner" label="Acts as" extra="The token never does more than this user's roles allow, even after they change.">
          <Select
            showSearch
            options={users.filter((u) => !u.disabled).map((u) => ({ value: u.user_name, label: `${u.user_name} (${u.roles.join(', ')})` }))}
            onChange={() => form.setFieldValue('scopes', (form.getFieldValue('scopes') as TokenScope[]).filter((s) => grantedScopes(users.find((u) => u.user_name === form.getFieldValue('owner'))).has(s)))}
          />
        </Form.Item>
        <Form.Item name="scopes" label="Scopes" rules={[{ required: true, type: 'array', min: 1, message: 'Choose at least one scope' }]}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            {tokenScopes.map((s) => (
              <Checkbox key={s} value={s} disabled={!granted.has(s)}>
                <Typography.Text code>{s}</Typography.Text> {scopeLabels[s]}
                {!granted.has(s) ? <Typography.Text type="secondary"> (not granted by {ownerName}&apos;s roles)</Typography.Text> : null}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="expires_in_days" label="Expires in">
          <Select style={{ width: 200 }} options={expiryChoices.map((d) => ({ value: d, label: `${d} days` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
