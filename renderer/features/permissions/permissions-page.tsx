import { ApiOutlined, KeyOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Segmented, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Grant } from '../../../shared/domain/grants';
import { runsAnywhere } from '../../../shared/domain/roles';
import { href } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { Time, useTimeFormat } from '../../components/time-text';
import { errorMessage } from '../../lib/errors';
import { useNow } from '../../lib/use-now';
import { grantsStore, useGrants } from '../../stores/grants-store';
import { useCan, useSession } from '../../stores/session-store';
import { usersStore, useUsers } from '../../stores/users-store';
import { grantStatus, shownGrants, type GrantsShown } from './grant-model';
import { GrantPluginModal } from './grant-plugin-modal';

/** Where a new permission application starts. */
const APPLY_HREF = href('/tasks/new?type=apply_permission');

function GrantStatusTag({ grant, now }: { readonly grant: Grant; readonly now: number }) {
  const s = grantStatus(grant, now);
  const format = useTimeFormat();
  switch (s.kind) {
    case 'active':
      return <Tag color="green">Active</Tag>;
    case 'expired':
      return <Tag>Expired</Tag>;
    case 'revoked':
      return (
        <Tooltip title={grant.revoked_at ? `Revoked ${format.absolute(grant.revoked_at)}` : undefined}>
          <Tag color="red">Revoked by {s.by}</Tag>
        </Tooltip>
      );
  }
}

function hostName(g: Grant): string {
  return g.host_name ?? `host #${g.host_id}`;
}

/** What to say when nothing is listed, and how a user gets a permission. */
function NoGrants(p: { readonly admin: boolean; readonly user: string | undefined; readonly shown: GrantsShown; readonly ended: number; readonly canApply: boolean; readonly onShowAll: () => void }) {
  const active = p.shown === 'active';
  let title: string;
  if (!p.admin) title = active ? 'You hold no active permission to run on hosts' : 'You have not been granted a permission yet';
  else if (p.user) title = active ? `${p.user} holds no active permission` : `${p.user} has not been granted a permission yet`;
  else title = active ? 'Nobody holds an active permission' : 'No permission has been granted yet';
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Flex vertical gap={4} align="center">
          <Typography.Text strong>{title}</Typography.Text>
          <Typography.Text type="secondary" style={{ maxWidth: 560 }}>
            {p.admin ? 'A user gets one by creating' : 'To get one, create'} a task of type <Typography.Text strong>Apply permission</Typography.Text> bound to the hosts{' '}
            {p.admin ? 'they need and starting' : 'you need, and start'} it. Once an approval process approves the request, the permission is listed here and
            lasts for the task&apos;s grant hours.{p.admin ? ' A plug-in cannot apply: grant it hosts with "Grant hosts to a plug-in".' : ''}
          </Typography.Text>
        </Flex>
      }
    >
      <Flex gap={8} justify="center">
        {p.canApply ? (
          <Button type="primary" icon={<KeyOutlined aria-hidden />} href={APPLY_HREF}>
            New permission application
          </Button>
        ) : null}
        {p.shown === 'active' && p.ended > 0 ? <Button onClick={p.onShowAll}>Show all ({p.ended} ended)</Button> : null}
      </Flex>
    </Empty>
  );
}

/** `#/permissions`: time-limited permissions to run on hosts, from approved permission applications; admins see everyone's and revoke. */
export function PermissionsPage() {
  const { modal, message, notification } = App.useApp();
  const admin = useCan('users:admin');
  // Admins and DBAs run anywhere; applying is for everyone else who may write tasks.
  const anywhere = useSession((s) => runsAnywhere(s.user?.roles ?? []));
  const canApply = useCan('tasks:write') && !anywhere;
  const me = useSession((s) => s.user?.user_name);
  const grants = useGrants((s) => s.grants);
  const user = useGrants((s) => s.user);
  const loaded = useGrants((s) => s.loaded);
  const loading = useGrants((s) => s.loading);
  const error = useGrants((s) => s.error);
  const users = useUsers((s) => s.users);
  const [shown, setShown] = useState<GrantsShown>('active');
  const [granting, setGranting] = useState(false);
  const now = useNow(true, 30_000);

  useEffect(() => {
    void grantsStore.getState().load();
  }, []);
  useEffect(() => {
    if (admin && !usersStore.getState().loaded) void usersStore.getState().load();
  }, [admin]);

  const rows = useMemo(() => shownGrants(grants, shown, now), [grants, shown, now]);
  const ended = grants.length - shownGrants(grants, 'active', now).length;

  const confirmRevoke = (g: Grant): void => {
    modal.confirm({
      title: `Revoke ${g.user_name}'s permission on ${hostName(g)}?`,
      content: `${g.user_name} can no longer start runs on ${hostName(g)}; runs already going are not stopped. To run there again, ${g.granted_by ? 'an admin grants it again' : `${g.user_name} applies again`}.`,
      okText: 'Revoke',
      okButtonProps: { danger: true },
      cancelText: 'Cancel',
      onOk: async () => {
        try {
          await grantsStore.getState().revoke(g.id);
          void message.success(`Revoked ${g.user_name}'s permission on ${hostName(g)}`);
        } catch (err) {
          notification.error({ message: `${g.user_name}'s permission on ${hostName(g)} was not revoked`, description: errorMessage(err), duration: 10 });
          void grantsStore.getState().load(); // it may have ended meanwhile
        }
      },
    });
  };

  const columns: TableProps<Grant>['columns'] = [
    {
      title: 'User',
      dataIndex: 'user_name',
      sorter: (a, b) => a.user_name.localeCompare(b.user_name),
      render: (v: string) => (
        <>
          {v}
          {v === me ? <Typography.Text type="secondary"> (you)</Typography.Text> : null}
        </>
      ),
    },
    {
      title: 'Host',
      key: 'host',
      sorter: (a, b) => hostName(a).localeCompare(hostName(b)),
      render: (_v, g) => (g.host_name ? <a href={href(`/hosts/${g.host_id}`)}>{g.host_name}</a> : <Typography.Text type="secondary">deleted host #{g.host_id}</Typography.Text>),
    },
    {
      title: 'From',
      key: 'from',
      width: 110,
      render: (_v, g) =>
        g.request_id !== null ? <a href={href(`/approvals/${g.request_id}`)} aria-label={`Request ${g.request_id}`}>request #{g.request_id}</a>
          : g.granted_by ? <Typography.Text type="secondary">{g.granted_by} (plug-in grant)</Typography.Text>
            : <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: 'Granted', dataIndex: 'granted_at', width: 140, sorter: (a, b) => a.granted_at.localeCompare(b.granted_at), render: (v: string) => <Time relative value={v} /> },
    {
      title: 'Expires',
      dataIndex: 'expires_at',
      width: 140,
      sorter: (a, b) => a.expires_at.localeCompare(b.expires_at),
      // A revoked grant's expiry never came: struck through.
      render: (v: string, g) => (g.revoked_by ? <Typography.Text delete type="secondary"><Time relative value={v} /></Typography.Text> : <Time relative value={v} />),
    },
    { title: 'Status', key: 'status', width: 150, render: (_v, g) => <GrantStatusTag grant={g} now={now} /> },
    ...(admin
      ? [
          {
            title: 'Actions',
            key: 'actions',
            width: 90,
            render: (_v: unknown, g: Grant) =>
              grantStatus(g, now).kind === 'active' ? (
                <Button type="link" size="small" danger aria-label={`Revoke ${g.user_name}'s permission on ${hostName(g)}`} onClick={() => confirmRevoke(g)}>
                  Revoke
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="Permissions"
        subtitle={
          admin
            ? 'Time-limited permissions to run commands on hosts, granted by approved permission applications, or by an admin to a plug-in. Revoking one ends it now.'
            : anywhere
              ? 'Your role lets you run on any host without a permission; the ones listed here were granted by approved permission applications.'
              : 'Where you may run commands, and until when: each permission comes from an approved permission application.'
        }
        extra={
          <Flex gap={8}>
            {admin ? (
              <Button icon={<ApiOutlined aria-hidden />} onClick={() => setGranting(true)}>
                Grant hosts to a plug-in
              </Button>
            ) : null}
            {canApply ? (
              <Button icon={<KeyOutlined aria-hidden />} href={APPLY_HREF}>
                Apply for a permission
              </Button>
            ) : null}
          </Flex>
        }
      />
      <GrantPluginModal open={granting} onClose={() => setGranting(false)} />
      {error ? <ErrorAlert message={error} onRetry={() => void grantsStore.getState().load()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Segmented<GrantsShown>
          aria-label="Show"
          value={shown}
          onChange={setShown}
          options={[
            { value: 'active', label: 'Active only' },
            { value: 'all', label: 'All' },
          ]}
        />
        {admin ? (
          <Select<string>
            allowClear
            showSearch
            placeholder="Everyone"
            aria-label="Filter by user"
            value={user}
            onChange={(v) => void grantsStore.getState().setUser(v || undefined)}
            options={users.map((u) => ({ value: u.user_name, label: u.user_name }))}
            style={{ width: 180 }}
          />
        ) : null}
        <Tooltip title="Reload from the core">
          <Button aria-label="Refresh" icon={<ReloadOutlined />} loading={loading && loaded} onClick={() => void grantsStore.getState().load()} />
        </Tooltip>
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {loaded ? `${rows.length} ${shown === 'active' ? 'active ' : ''}permission${rows.length === 1 ? '' : 's'}` : ''}
        </Typography.Text>
      </Flex>
      <Table<Grant>
        rowKey="id"
        size="small"
        sticky={{ offsetHeader: 48 }}
        loading={loading && !loaded}
        dataSource={rows as Grant[]}
        columns={columns}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true, size: 'small' }}
        scroll={{ x: 800 }}
        locale={{
          emptyText: loaded ? <NoGrants admin={admin} user={user} shown={shown} ended={ended} canApply={canApply} onShowAll={() => setShown('all')} /> : <div style={{ height: 80 }} />,
        }}
      />
    </>
  );
}
