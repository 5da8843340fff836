import { Alert, Col, Drawer, Form, Input, Row, Switch } from 'antd';
import type { InputRef } from 'antd';
import { useRef, useState } from 'react';
import { PASSWORD_MIN_LENGTH, type User } from '../../../shared/domain/users';
import { applyPasswordError, passwordLengthRule } from '../account/password-form';
import { usersStore } from '../../stores/users-store';
import { pluginRole } from '../../../shared/domain/roles';
import { useKnownRoles } from './known-roles';

const PLUGIN_ROLE = [pluginRole];
import { RolesSelect } from './role-select';
import { FormDrawerFooter } from '../../components/form-drawer-footer';
import { focusFirstField } from '../../lib/focus';
import { useTranslation } from 'react-i18next';

interface UserFormValues {
  user_name: string;
  nick_name?: string;
  email?: string;
  mobile?: string;
  password?: string;
  roles: string[];
  disabled?: boolean;
}

const fields = ['user_name', 'nick_name', 'email', 'mobile', 'password', 'roles', 'disabled'] as const;
const ROLE_PATTERN = /^[a-z][a-z0-9_-]*$/;

/** Create a user, or edit one (not the user name; the password is reset apart). Mount per opening. */
export function UserFormDrawer({ user, onClose, onSaved }: { readonly user: User | undefined; readonly onClose: () => void; readonly onSaved: (u: User, created: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserFormValues>();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const firstRef = useRef<InputRef>(null);
  // A plug-in's user is made here: its role is offered before anyone holds it.
  const roles = useKnownRoles(PLUGIN_ROLE);
  const [initial] = useState<UserFormValues>(() =>
    user
      ? { user_name: user.user_name, nick_name: user.nick_name, email: user.email ?? '', mobile: user.mobile, roles: [...user.roles], disabled: user.disabled }
      : { user_name: '', roles: ['developer'] },
  );

  const submit = async (v: UserFormValues): Promise<void> => {
    setBusy(true);
    setFormError(null);
    try {
      const email = v.email?.trim() ? v.email.trim() : null;
      const saved = user
        ? await usersStore.getState().update({ id: user.id, nick_name: v.nick_name ?? '', mobile: v.mobile ?? '', email, roles: v.roles, disabled: Boolean(v.disabled) })
        : await usersStore.getState().create({ user_name: v.user_name.trim(), nick_name: v.nick_name ?? '', mobile: v.mobile ?? '', email, password: v.password ?? '', roles: v.roles });
      onSaved(saved, !user);
    } catch (err) {
      setFormError(applyPasswordError(form, err, t, fields));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      title={user ? t('users.form.editTitle', { name: user.user_name }) : t('users.new')}
      width={520}
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) focusFirstField(firstRef.current);
      }}
      footer={<FormDrawerFooter formId="user" busy={busy} onCancel={onClose} />}
    >
      {formError ? <Alert type="error" showIcon message={t('users.form.notSaved')} description={formError} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form form={form} name="user" layout="vertical" initialValues={initial} onFinish={submit} onValuesChange={() => formError && setFormError(null)}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="user_name"
              label={t('auth.field.userName')}
              extra={user ? t('users.form.cannotChange') : t('users.form.nameHint')}
              rules={[
                { required: true, message: t('users.form.nameRequired') },
                { pattern: /^[A-Za-z0-9._-]+$/, message: t('users.form.namePattern') },
                { min: 2, max: 64, message: t('users.form.nameLength') },
              ]}
            >
              <Input ref={user ? undefined : firstRef} disabled={Boolean(user)} autoComplete="off" spellCheck={false} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="nick_name" label={t('users.field.nick')}>
              <Input ref={user ? firstRef : undefined} maxLength={64} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="email" label={t('users.field.email')} rules={[{ type: 'email', message: t('users.form.emailInvalid') }]}>
              <Input type="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="mobile" label={t('users.field.mobile')} rules={[{ pattern: /^[0-9+() -]*$/, message: t('users.form.mobilePattern') }]}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
        </Row>
        {!user ? (
          <Form.Item name="password" label={t('auth.field.password')} rules={[{ required: true, message: t('users.form.passwordRequired') }, passwordLengthRule(t)]} extra={`${t('account.rules.hint', { min: PASSWORD_MIN_LENGTH })} ${t('users.form.passwordExtra')}`}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="roles"
          label={t('users.field.roles')}
          extra={t('users.form.rolesExtra')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('users.form.rolesRequired') },
            { validator: async (_r, v: string[] | undefined) => { const bad = (v ?? []).find((r) => !ROLE_PATTERN.test(r)); if (bad) throw new Error(t('users.form.rolePattern', { role: bad })); } },
          ]}
        >
          <RolesSelect roles={roles} placeholder={t('users.form.rolesPlaceholder')} />
        </Form.Item>
        {user ? (
          <Form.Item name="disabled" label={t('users.disabled')} valuePropName="checked" extra={t('users.form.disabledExtra')}>
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
