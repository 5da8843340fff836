import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Result, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { PASSWORD_MIN_LENGTH, type User } from '../../../shared/domain/users';
import { applyPasswordError, passwordLengthRule } from '../account/password-form';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { Time } from '../../components/time-text';
import { errorMessage } from '../../lib/errors';
import { useCan, useSession } from '../../stores/session-store';
import { usersStore, useUsers } from '../../stores/users-store';
import { filterIcon } from '../processes/column-filters';
import { roleColor, useKnownRoles } from './known-roles';
import { UserFormDrawer } from './user-form-drawer';
import { useTranslation } from 'react-i18next';

function ResetPasswordModal({ user, onClose }: { readonly user: User; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { password: string }): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await usersStore.getState().update({ id: user.id, password: v.password });
      void message.success(t('users.reset.done', { name: user.user_name }));
      onClose();
    } catch (err) {
      setError(applyPasswordError(form, err, t, ['password']));
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('users.reset.title', { name: user.user_name })} onCancel={onClose} okText={t('users.reset.ok')} okButtonProps={{ htmlType: 'submit', form: 'reset-password', loading: busy }} destroyOnHidden>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Typography.Paragraph type="secondary">{t('users.reset.text')}</Typography.Paragraph>
      <Form form={form} name="reset-password" layout="vertical" onFinish={submit}>
        <Form.Item name="password" label={t('users.reset.password')} extra={t('account.rules.hint', { min: PASSWORD_MIN_LENGTH })} rules={[{ required: true, message: t('users.reset.required') }, passwordLengthRule(t)]}>
          <Input.Password autoFocus autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.reset.repeat')}
          dependencies={['password']}
          rules={[({ getFieldValue }) => ({ validator: async (_r, v: string) => { if (v !== getFieldValue('password')) throw new Error(t('auth.firstRun.passwordsDiffer')); } })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** `#/users` (administrators): local users, their roles, enable/disable, password reset. */
export function UsersPage() {
  const { t } = useTranslation();
  const { modal, message, notification } = App.useApp();
  const canAdmin = useCan('users:admin');
  const me = useSession((s) => s.user);
  const users = useUsers((s) => s.users);
  const loaded = useUsers((s) => s.loaded);
  const loading = useUsers((s) => s.loading);
  const error = useUsers((s) => s.error);
  const roles = useKnownRoles();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState<{ user: User | undefined } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  useEffect(() => {
    if (canAdmin) void usersStore.getState().load();
  }, [canAdmin]);

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return users.filter((u) => (!role || u.roles.includes(role)) && (!needle || [u.user_name, u.nick_name, u.email ?? '', u.mobile].some((s) => s.toLowerCase().includes(needle))));
  }, [users, q, role]);

  if (!canAdmin) {
    return <Result status="403" title={t('users.adminOnly')} subTitle={t('users.adminOnlyText')} />;
  }

  const confirmToggle = (u: User): void => {
    const disabling = !u.disabled;
    modal.confirm({
      title: t(disabling ? 'users.toggle.disableTitle' : 'users.toggle.enableTitle', { name: u.user_name }),
      content: disabling ? t('users.toggle.disableText') : t('users.toggle.enableText'),
      okText: disabling ? t('users.toggle.disable') : t('users.toggle.enable'),
      okButtonProps: disabling ? { danger: true } : {},
      onOk: async () => {
        try {
          await usersStore.getState().update({ id: u.id, disabled: disabling });
          void message.success(t(disabling ? 'users.toggle.disabled' : 'users.toggle.enabled', { name: u.user_name }));
        } catch (err) {
          notification.error({ message: t(disabling ? 'users.toggle.notDisabled' : 'users.toggle.notEnabled', { name: u.user_name }), description: errorMessage(err), duration: 10 });
        }
      },
    });
  };

  return (
    <>
      <PageHeader
        title={t('shell.nav.users')}
        subtitle={t('users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: undefined })}>
            {t('users.new')}
          </Button>
        }
      />
      {error ? <ErrorAlert message={error} onRetry={() => void usersStore.getState().load()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder={t('users.search')} aria-label={t('users.searchAria')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} />
        <Select<string> allowClear placeholder={t('users.anyRole')} aria-label={t('users.roleFilter')} value={role} onChange={setRole} options={roles.map((r) => ({ value: r, label: r }))} style={{ width: 160 }} />
        <Tooltip title={t('tasks.list.reloadTip')}>
          <Button aria-label={t('common.action.refresh')} icon={<ReloadOutlined />} loading={loading && loaded} onClick={() => void usersStore.getState().load()} />
        </Tooltip>
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {t('common.count.users', { count: users.length })}
        </Typography.Text>
      </Flex>
      <Table<User>
        rowKey="id"
        size="small"
        sticky={{ offsetHeader: 48 }}
        loading={loading && !loaded}
        dataSource={shown as User[]}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true, size: 'small' }}
        scroll={{ x: 1000 }}
        locale={{ emptyText: loaded ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.noMatch')} /> : <div style={{ height: 80 }} /> }}
        columns={[
          {
            title: t('auth.field.userName'),
            dataIndex: 'user_name',
            sorter: (a, b) => a.user_name.localeCompare(b.user_name),
            render: (v: string) => (
              <>
                {v}
                {v === me?.user_name ? <Typography.Text type="secondary">{t('permissions.you')}</Typography.Text> : null}
              </>
            ),
          },
          { title: t('users.field.nick'), dataIndex: 'nick_name' },
          { title: t('users.field.email'), dataIndex: 'email', render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
          // An empty cell reads the same as a missing e-mail: a dash.
          { title: t('users.field.mobile'), dataIndex: 'mobile', width: 130, render: (v: string) => v || <Typography.Text type="secondary">—</Typography.Text> },
          {
            title: t('users.field.roles'),
            dataIndex: 'roles',
            render: (rs: string[]) => (
              <Space size={[2, 2]} wrap>
                {rs.map((r) => (
                  <Tag key={r} color={roleColor(r)} style={{ marginInlineEnd: 0 }}>
                    {r}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('instances.field.status'),
            dataIndex: 'disabled',
            width: 90,
            filters: [
              { text: t('users.active'), value: false },
              { text: t('users.disabled'), value: true },
            ],
            onFilter: (v, u) => u.disabled === v,
            filterIcon: filterIcon(t('filters.words.status')),
            render: (d: boolean) => (d ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>),
          },
          { title: t('tasks.field.updated'), dataIndex: 'updated_at', width: 120, render: (v: string) => <Time relative value={v} /> },
          {
            title: t('tasks.field.actions'),
            key: 'actions',
            width: 230,
            fixed: 'right',
            render: (_v, u) => (
              <Space size={0}>
                <Button type="link" size="small" aria-label={t('users.editAria', { name: u.user_name })} onClick={() => setEditing({ user: u })}>
                  {t('common.action.edit')}
                </Button>
                <Button type="link" size="small" aria-label={t('users.resetAria', { name: u.user_name })} onClick={() => setResetting(u)}>
                  {t('users.resetPassword')}
                </Button>
                <Button type="link" size="small" danger={!u.disabled} aria-label={t(u.disabled ? 'users.toggle.enableAria' : 'users.toggle.disableAria', { name: u.user_name })} onClick={() => confirmToggle(u)}>
                  {u.disabled ? t('users.toggle.enable') : t('users.toggle.disable')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing ? (
        <UserFormDrawer
          user={editing.user}
          onClose={() => setEditing(null)}
          onSaved={(u, created) => {
            setEditing(null);
            void message.success(created ? t('users.created', { name: u.user_name }) : t('taskForm.saved', { name: u.user_name }));
          }}
        />
      ) : null}
      {resetting ? <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} /> : null}
    </>
  );
}
