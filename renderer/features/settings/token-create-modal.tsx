import { Alert, Button, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { permissionsOf } from '../../../shared/domain/roles';
import { type ApiToken, scopePermissions, type TokenScope, tokenScopes } from '../../../shared/domain/tokens';
import type { User } from '../../../shared/domain/users';
import { call } from '../../api/session-call';
import { applyApiError } from '../../lib/form-errors';
import { useTimeFormat } from '../../components/time-text';
import { expiryChoices } from './token-model';

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
  const { t } = useTranslation();
  const time = useTimeFormat();
  return (
    <Modal open title={t('tokens.secret.title', { name: token.name })} onCancel={onDone} footer={<Button type="primary" onClick={onDone}>{t('tokens.secret.done')}</Button>} maskClosable={false} destroyOnHidden>
      <Alert
        type="warning"
        showIcon
        role="alert"
        message={t('tokens.secret.warning')}
        description={t('tokens.secret.warningText')}
        style={{ marginBottom: 12 }}
      />
      <Typography.Paragraph code copyable={{ text: secret, tooltips: [t('tokens.secret.copy'), t('tokens.secret.copied')] }} style={{ wordBreak: 'break-all' }} aria-label={t('tokens.secret.aria')}>
        {secret}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t('tokens.secret.summary', { owner: token.owner, scopes: token.scopes.join(', '), time: time.absolute(token.expires_at) })}
      </Typography.Text>
    </Modal>
  );
}

/** Create an API token: name, owner, scopes and expiry; then its secret, once. Mount per opening. */
export function TokenCreateModal({ users, me, onClose }: { readonly users: readonly User[]; readonly me: string; readonly onClose: (created?: ApiToken) => void }) {
  const [form] = Form.useForm<TokenValues>();
  const { t } = useTranslation();
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
    <Modal open title={t('tokens.form.title')} onCancel={() => onClose()} okText={t('tokens.form.ok')} okButtonProps={{ htmlType: 'submit', form: 'api-token', loading: busy }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('tokens.form.intro')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form form={form} name="api-token" layout="vertical" onFinish={submit} initialValues={{ owner: me, scopes: ['read'], expires_in_days: 90 }}>
        <Form.Item name="name" label={t('tokens.form.name')} rules={[{ required: true, message: t('tokens.form.nameRequired') }]} extra={t('tokens.form.nameHint')}>
          <Input autoFocus placeholder="backup-monitor" maxLength={64} />
        </Form.Item>
        <Form.Item name="owner" label={t('tokens.form.owner')} extra={t('tokens.form.ownerHint')}>
          <Select
            showSearch
            options={users.filter((u) => !u.disabled).map((u) => ({ value: u.user_name, label: `${u.user_name} (${u.roles.join(', ')})` }))}
            onChange={() => form.setFieldValue('scopes', (form.getFieldValue('scopes') as TokenScope[]).filter((s) => grantedScopes(users.find((u) => u.user_name === form.getFieldValue('owner'))).has(s)))}
          />
        </Form.Item>
        <Form.Item name="scopes" label={t('tokens.form.scopes')} rules={[{ required: true, type: 'array', min: 1, message: t('tokens.form.scopesRequired') }]}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            {tokenScopes.map((s) => (
              <Checkbox key={s} value={s} disabled={!granted.has(s)}>
                <Typography.Text code>{s}</Typography.Text> {t(`tokens.scope.${s}`)}
                {!granted.has(s) ? <Typography.Text type="secondary">{t('tokens.form.notGranted', { user: ownerName })}</Typography.Text> : null}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="expires_in_days" label={t('tokens.form.expires')}>
          <Select style={{ width: 200 }} options={expiryChoices.map((d) => ({ value: d, label: t('tokens.form.days', { n: d }) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
