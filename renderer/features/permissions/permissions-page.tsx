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
import { t } from '../../i18n/i18n';
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
      return <Tag color="green">{t('permissions.status.active')}</Tag>;
    case 'expired':
      return <Tag>{t('permissions.status.expired')}</Tag>;
    case 'revoked':
      return (
        <Tooltip title={grant.revoked_at ? t('permissions.status.revokedAt', { at: format.absolute(grant.revoked_at) }) : undefined}>
          <Tag color="red">{t('permissions.status.revokedBy', { by: s.by })}</Tag>
        </Tooltip>
      );
  }
}

function hostName(g: Grant): string {
  return g.host_name ?? t('permissions.hostN', { id: g.host_id });
}

/** What to say when nothing is listed, and how a user gets a permission. */
function NoGrants(p: { readonly admin: boolean; readonly user: string | undefined; readonly shown: GrantsShown; readonly ended: number; readonly canApply: boolean; readonly onShowAll: () => void }) {
  const active = p.shown === 'active';
  let title: string;
  if (!p.admin) title = active ? t('permissions.none.youActive') : t('permissions.none.youEver');
  else if (p.user) title = active ? t('permissions.none.userActive', { user: p.user }) : t('permissions.none.userEver', { user: p.user });
  else title = active ? t('permissions.none.nobodyActive') : t('permissions.none.nobodyEver');
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Flex vertical gap={4} align="center">
          <Typography.Text strong>{title}</Typography.Text>
          <Typography.Text type="secondary" style={{ maxWidth: 560 }}>
            {p.admin ? t('permissions.none.howAdmin') : t('permissions.none.howUser')}
          </Typography.Text>
        </Flex>
      }
    >
      <Flex gap={8} justify="center">
        {p.canApply ? (
          <Button type="primary" icon={<KeyOutlined aria-hidden />} href={APPLY_HREF}>
            {t('permissions.newApplication')}
          </Button>
        ) : null}
        {p.shown === 'active' && p.ended > 0 ? <Button onClick={p.onShowAll}>{t('permissions.showAll', { n: p.ended })}</Button> : null}
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
      title: t('permissions.revoke.title', { user: g.user_name, host: hostName(g) }),
      content: t(g.granted_by ? 'permissions.revoke.textGrant' : 'permissions.revoke.textApply', { user: g.user_name, host: hostName(g) }),
      okText: t('permissions.revoke.ok'),
      okButtonProps: { danger: true },
      cancelText: t('common.action.cancel'),
      onOk: async () => {
        try {
          await grantsStore.getState().revoke(g.id);
          void message.success(t('permissions.revoke.done', { user: g.user_name, host: hostName(g) }));
        } catch (err) {
          notification.error({ message: t('permissions.revoke.failed', { user: g.user_name, host: hostName(g) }), description: errorMessage(err), duration: 10 });
          void grantsStore.getState().load(); // it may have ended meanwhile
        }
      },
    });
  };

  const columns: TableProps<Grant>['columns'] = [
    {
      title: t('permissions.field.user'),
      dataIndex: 'user_name',
      sorter: (a, b) => a.user_name.localeCompare(b.user_name),
      render: (v: string) => (
        <>
          {v}
          {v === me ? <Typography.Text type="secondary">{t('permissions.you')}</Typography.Text> : null}
        </>
      ),
    },
    {
      title: t('instances.field.host'),
      key: 'host',
      sorter: (a, b) => hostName(a).localeCompare(hostName(b)),
      render: (_v, g) => (g.host_name ? <a href={href(`/hosts/${g.host_id}`)}>{g.host_name}</a> : <Typography.Text type="secondary">{t('permissions.deletedHost', { id: g.host_id })}</Typography.Text>),
    },
    {
      title: t('permissions.field.from'),
      key: 'from',
      width: 110,
      render: (_v, g) =>
        g.request_id !== null ? <a href={href(`/approvals/${g.request_id}`)} aria-label={t('approvals.requestAria', { id: g.request_id })}>{t('jobs.links.requestShort', { id: g.request_id })}</a>
          : g.granted_by ? <Typography.Text type="secondary">{t('permissions.pluginGrant', { by: g.granted_by })}</Typography.Text>
            : <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: t('permissions.field.granted'), dataIndex: 'granted_at', width: 140, sorter: (a, b) => a.granted_at.localeCompare(b.granted_at), render: (v: string) => <Time relative value={v} /> },
    {
      title: t('permissions.field.expires'),
      dataIndex: 'expires_at',
      width: 140,
      sorter: (a, b) => a.expires_at.localeCompare(b.expires_at),
      // A revoked grant's expiry never came: struck through.
      render: (v: string, g) => (g.revoked_by ? <Typography.Text delete type="secondary"><Time relative value={v} /></Typography.Text> : <Time relative value={v} />),
    },
    { title: t('instances.field.status'), key: 'status', width: 150, render: (_v, g) => <GrantStatusTag grant={g} now={now} /> },
    ...(admin
      ? [
          {
            title: t('tasks.field.actions'),
            key: 'actions',
            width: 90,
            render: (_v: unknown, g: Grant) =>
              grantStatus(g, now).kind === 'active' ? (
                <Button type="link" size="small" danger aria-label={t('permissions.revoke.aria', { user: g.user_name, host: hostName(g) })} onClick={() => confirmRevoke(g)}>
                  {t('permissions.revoke.ok')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('shell.nav.permissions')}
        subtitle={
          admin
            ? t('permissions.subtitle.admin')
            : anywhere
              ? t('permissions.subtitle.anywhere')
              : t('permissions.subtitle.user')
        }
        extra={
          <Flex gap={8}>
            {admin ? (
              <Button icon={<ApiOutlined aria-hidden />} onClick={() => setGranting(true)}>
                {t('permissions.grant.title')}
              </Button>
            ) : null}
            {canApply ? (
              <Button icon={<KeyOutlined aria-hidden />} href={APPLY_HREF}>
                {t('permissions.apply')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <GrantPluginModal open={granting} onClose={() => setGranting(false)} />
      {error ? <ErrorAlert message={error} onRetry={() => void grantsStore.getState().load()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Segmented<GrantsShown>
          aria-label={t('permissions.show')}
          value={shown}
          onChange={setShown}
          options={[
            { value: 'active', label: t('permissions.activeOnly') },
            { value: 'all', label: t('approvals.views.all') },
          ]}
        />
        {admin ? (
          <Select<string>
            allowClear
            showSearch
            placeholder={t('permissions.everyone')}
            aria-label={t('permissions.filterUser')}
            value={user}
            onChange={(v) => void grantsStore.getState().setUser(v || undefined)}
            options={users.map((u) => ({ value: u.user_name, label: u.user_name }))}
            style={{ width: 180 }}
          />
        ) : null}
        <Tooltip title={t('tasks.list.reloadTip')}>
          <Button aria-label={t('common.action.refresh')} icon={<ReloadOutlined />} loading={loading && loaded} onClick={() => void grantsStore.getState().load()} />
        </Tooltip>
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {loaded ? (shown === 'active' ? t('permissions.countActive', { count: rows.length }) : t('permissions.count', { count: rows.length })) : ''}
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
