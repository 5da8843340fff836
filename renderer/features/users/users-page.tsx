import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Result, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { User } from '../../../shared/domain/users';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { Time } from '../../components/time-text';
import { errorMessage } from '../../lib/errors';
import { useCan, useSession } from '../../stores/session-store';
import { usersStore, useUsers } from '../../stores/users-store';
import { filterIcon } from '../processes/column-filters';
import { roleColor, useKnownRoles } from './known-roles';
import { UserFormDrawer } from './user-form-drawer';

function ResetPasswordModal({ user, onClose }: { readonly user: User; readonly onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { password: string }): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await usersStore.getState().update({ id: user.id, password: v.password });
      void message.success(`New password set for ${user.user_name}; their sessions were ended`);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <Modal open title={`Reset the password of ${user.user_name}`} onCancel={onClose} okText="Set password" okButtonProps={{ htmlType: 'submit', form: 'reset-password', loading: busy }} destroyOnHidden>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Typography.Paragraph type="secondary">Their open sessions end; they sign in again with the new password.</Typography.Paragraph>
      <Form form={form} name="reset-password" layout="vertical" onFinish={submit}>
        <Form.Item name="password" label="New password" rules={[{ required: true, message: 'Type the new password' }, { min: 8, message: 'At least 8 characters' }]}>
          <Input.Password autoFocus autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="Repeat it"
          dependencies={['password']}
          rules={[({ getFieldValue }) => ({ validator: async (_r, v: string) => { if (v !== getFieldValue('password')) throw new Error('The two passwords differ'); } })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** `#/users` (administrators): local users, their roles, enable/disable, password reset. */
export function UsersPage() {
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
    return <Result status="403" title="Administrators only" subTitle="Managing users needs the users:admin permission." />;
  }

  const confirmToggle = (u: User): void => {
    const disabling = !u.disabled;
    modal.confirm({
      title: `${disabling ? 'Disable' : 'Enable'} ${u.user_name}?`,
      content: disabling ? 'They cannot sign in, and their open sessions end at once. Requests they opened stay as they are.' : 'They can sign in again with their password.',
      okText: disabling ? 'Disable' : 'Enable',
      okButtonProps: disabling ? { danger: true } : {},
      onOk: async () => {
        try {
          await usersStore.getState().update({ id: u.id, disabled: disabling });
          void message.success(`${u.user_name} ${disabling ? 'disabled' : 'enabled'}`);
        } catch (err) {
          notification.error({ message: `${u.user_name} was not ${disabling ? 'disabled' : 'enabled'}`, description: errorMessage(err), duration: 10 });
        }
      },
    });
  };

  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Local accounts and their roles. Approval nodes name roles, so custom roles given here decide who can approve what."
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: undefined })}>
            New user
          </Button>
        }
      />
      {error ? <ErrorAlert message={error} onRetry={() => void usersStore.getState().load()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder="Search name, email, mobile" aria-label="Search users" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} />
        <Select<string> allowClear placeholder="Any role" aria-label="Role filter" value={role} onChange={setRole} options={roles.map((r) => ({ value: r, label: r }))} style={{ width: 160 }} />
        <Tooltip title="Reload from the core">
          <Button aria-label="Refresh" icon={<ReloadOutlined />} loading={loading && loaded} onClick={() => void usersStore.getState().load()} />
        </Tooltip>
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {users.length} user{users.length === 1 ? '' : 's'}
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
        locale={{ emptyText: loaded ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No users match." /> : <div style={{ height: 80 }} /> }}
        columns={[
          {
            title: 'User name',
            dataIndex: 'user_name',
            sorter: (a, b) => a.user_name.localeCompare(b.user_name),
            render: (v: string) => (
              <>
                {v}
                {v === me?.user_name ? <Typography.Text type="secondary"> (you)</Typography.Text> : null}
              </>
            ),
          },
          { title: 'Nick name', dataIndex: 'nick_name' },
          { title: 'Email', dataIndex: 'email', render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
          { title: 'Mobile', dataIndex: 'mobile', width: 130 },
          {
            title: 'Roles',
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
            title: 'Status',
            dataIndex: 'disabled',
            width: 90,
            filters: [
              { text: 'Active', value: false },
              { text: 'Disabled', value: true },
            ],
            onFilter: (v, u) => u.disabled === v,
            filterIcon: filterIcon('status'),
            render: (d: boolean) => (d ? <Tag color="red">Disabled</Tag> : <Tag color="green">Active</Tag>),
          },
          { title: 'Updated', dataIndex: 'updated_at', width: 120, render: (v: string) => <Time relative value={v} /> },
          {
            title: 'Actions',
            key: 'actions',
            width: 230,
            fixed: 'right',
            render: (_v, u) => (
              <Space size={0}>
                <Button type="link" size="small" aria-label={`Edit ${u.user_name}`} onClick={() => setEditing({ user: u })}>
                  Edit
                </Button>
                <Button type="link" size="small" aria-label={`Reset password of ${u.user_name}`} onClick={() => setResetting(u)}>
                  Reset password
                </Button>
                <Button type="link" size="small" danger={!u.disabled} aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.user_name}`} onClick={() => confirmToggle(u)}>
                  {u.disabled ? 'Enable' : 'Disable'}
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
            void message.success(created ? `Created ${u.user_name}` : `Saved ${u.user_name}`);
          }}
        />
      ) : null}
      {resetting ? <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} /> : null}
    </>
  );
}
