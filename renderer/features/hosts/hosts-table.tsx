import { Button, Space, Table, Tag, theme, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { Host } from '../../../shared/domain/hosts';
import { href } from '../../app/hash-route';
import { HostKeyTag } from '../../components/host-key-tag';
import { HostStatusTag } from '../../components/host-status-tag';
import { Time } from '../../components/time-text';
import { useHosts } from '../../stores/hosts-store';
import { authSummary } from './host-form-model';
import { useTranslation } from 'react-i18next';

export interface HostsTableProps {
  readonly hosts: readonly Host[];
  readonly loading: boolean;
  readonly canWrite: boolean;
  readonly empty: ReactNode;
  readonly onTest: (host: Host) => void;
  readonly onEdit: (host: Host) => void;
  readonly onDelete: (host: Host) => void;
}


/** Testing opens a connection and may change the host's status: it needs the right to change hosts, like edit and delete. */
function RowActions({ host, onTest, onEdit, onDelete }: { readonly host: Host } & Pick<HostsTableProps, 'onTest' | 'onEdit' | 'onDelete'>) {
  const { t } = useTranslation();
  const testing = useHosts((s) => Boolean(s.testing[host.id]));
  return (
    <Space size={0}>
      <Button type="link" size="small" loading={testing} onClick={() => onTest(host)}>
        {t('hosts.action.test')}
      </Button>
      <Button type="link" size="small" onClick={() => onEdit(host)}>
        {t('common.action.edit')}
      </Button>
      <Button type="link" size="small" danger onClick={() => onDelete(host)}>
        {t('common.action.delete')}
      </Button>
    </Space>
  );
}

export function HostsTable(p: HostsTableProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const mono = { fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM };
  const byId = new Map(p.hosts.map((h) => [h.id, h]));
  const columns: TableProps<Host>['columns'] = [
    {
      title: t('tasks.field.name'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name),
      defaultSortOrder: 'ascend',
      render: (_v, h) => (
        <Tooltip title={h.description || undefined} placement="topLeft">
          <a href={href(`/hosts/${h.id}`)}>{h.name}</a>
        </Tooltip>
      ),
    },
    {
      title: t('instances.field.host'),
      dataIndex: 'host',
      render: (_v, h) => {
        const jump = h.jump_host_id ? byId.get(h.jump_host_id) : undefined;
        return (
          <span style={mono}>
            {h.host}
            {jump ? <Typography.Text type="secondary" style={{ fontSize: 11 }}> {t('hosts.via', { name: jump.name })}</Typography.Text> : null}
          </span>
        );
      },
    },
    { title: t('hosts.field.username'), dataIndex: 'username', render: (v: string) => <span style={mono}>{v}</span> },
    { title: t('hosts.field.machineId'), dataIndex: 'machine_id', align: 'right', width: 84, sorter: (a, b) => a.machine_id - b.machine_id },
    { title: t('tasks.field.tag'), dataIndex: 'tag', width: 90, render: (v: string) => (v ? <Tag style={{ marginInlineEnd: 0 }}>{v}</Tag> : null) },
    {
      title: t('hosts.field.auth'),
      key: 'auth',
      width: 84,
      render: (_v, h) => (
        <Tooltip title={authSummary(h.auth)}>
          <span>{t(`hosts.authKind.${h.auth.kind}`)}</span>
        </Tooltip>
      ),
    },
    { title: t('instances.field.status'), dataIndex: 'status', width: 96, render: (_v, h) => <HostStatusTag status={h.status} reason={h.status_reason} hostKey={h.host_key} /> },
    { title: t('hosts.field.hostKey'), key: 'host_key', width: 92, render: (_v, h) => <HostKeyTag hostKey={h.host_key} /> },
    {
      title: t('hosts.field.lastChecked'),
      dataIndex: 'last_checked_at',
      width: 110,
      sorter: (a, b) => (a.last_checked_at ?? '').localeCompare(b.last_checked_at ?? ''),
      render: (v: string | null) => <Time relative value={v} />,
    },
    ...(p.canWrite
      ? [{ title: t('tasks.field.actions'), key: 'actions', width: 130, fixed: 'right' as const, render: (_v: unknown, h: Host) => <RowActions host={h} onTest={p.onTest} onEdit={p.onEdit} onDelete={p.onDelete} /> }]
      : []),
  ];

  return (
    <Table<Host>
      rowKey="id"
      size="small"
      sticky={{ offsetHeader: 48 }}
      columns={columns}
      dataSource={p.hosts as Host[]}
      loading={p.loading}
      // Fits the content width at 1280 px with the menu open (1032 px): name, address and user share what the fixed columns leave.
      scroll={{ x: 1000 }}
      pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true, size: 'small' }}
      locale={{ emptyText: p.empty }}
    />
  );
}
