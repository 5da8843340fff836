import { Alert, Button, Flex, Table, theme, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { Instance, RunSummary } from '../../../shared/domain/instances';
import { href } from '../../app/hash-route';
import { DurationText } from '../../components/duration-text';
import { InstanceStatusTag } from '../../components/instance-status-tag';
import { Time } from '../../components/time-text';
import { MEMBERS_SHOWN, runsStore, useRuns } from '../../stores/runs-store';
import { hostsText, memberRows } from './runs-model';

const triggerLabel: Record<RunSummary['trigger'], string> = { ad_hoc: 'ad hoc', manual: 'manual', schedule: 'schedule', retry: 'retry' };

function Command({ text }: { readonly text: string }) {
  const { token } = theme.useToken();
  const mono = { fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM };
  return (
    <Tooltip title={<pre style={{ margin: 0, whiteSpace: 'pre-wrap', maxHeight: 320, overflow: 'auto', ...mono }}>{text}</pre>} placement="topLeft" styles={{ root: { maxWidth: 640 } }}>
      <span style={mono}>{text.replace(/\s*\n\s*/g, ' ⏎ ')}</span>
    </Tooltip>
  );
}

/** A run's instances, one per host and attempt: what expanding its row shows. */
function RunMembersTable({ run }: { readonly run: RunSummary }) {
  const { token } = theme.useToken();
  const m = useRuns((s) => s.members[run.run_id]);
  if (m?.error) return <Alert type="error" showIcon message={m.error} action={<Button size="small" onClick={() => void runsStore.getState().expand(run.run_id)}>Retry</Button>} />;
  const rows = memberRows(m?.items ?? []);
  const columns: TableProps<Instance>['columns'] = [
    { title: 'Host', key: 'host', width: 160, render: (_v, i) => <Tooltip title={i.host.host}>{i.host.name}</Tooltip> },
    { title: 'Status', key: 'status', width: 150, render: (_v, i) => <InstanceStatusTag instance={i} /> },
    {
      title: 'Exit',
      dataIndex: 'exit_code',
      width: 64,
      align: 'right',
      render: (v: number | null, i) => (v !== null ? <Typography.Text type={v === 0 ? undefined : 'danger'}>{v}</Typography.Text> : i.signal ? <Typography.Text type="danger">{i.signal}</Typography.Text> : null),
    },
    { title: 'Attempt', dataIndex: 'attempt', width: 80, align: 'right' },
    { title: 'Started', dataIndex: 'started_time', width: 130, render: (v: string | null) => <Time relative value={v} empty="not started" /> },
    { title: 'Duration', key: 'duration', width: 90, align: 'right', render: (_v, i) => <DurationText instance={i} /> },
    { title: 'Error', dataIndex: 'error', ellipsis: true, render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : null) },
    { title: 'Instance', dataIndex: 'id', width: 190, render: (id: string) => <a href={href(`/instances/${id}`)} style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM }}>{id}</a> },
  ];
  return (
    <>
      <Table<Instance> rowKey="id" size="small" columns={columns} dataSource={rows} loading={!m || m.loading} pagination={false} />
      {m && m.total > MEMBERS_SHOWN ? (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          Showing {MEMBERS_SHOWN} of {m.total.toLocaleString()} instances. <a href={href(`/instances?run=${run.run_id}`)}>See them all</a>
        </Typography.Paragraph>
      ) : null}
    </>
  );
}

export interface RunsTableProps {
  readonly empty: ReactNode;
}

/** Runs newest first, one row each (like a Rundeck execution); a run on several hosts expands to its instances. */
export function RunsTable({ empty }: RunsTableProps) {
  const { token } = theme.useToken();
  const items = useRuns((s) => s.items);
  const loading = useRuns((s) => s.loading);
  const next = useRuns((s) => s.next);
  const searchedTo = useRuns((s) => s.searchedTo);
  const loaded = useRuns((s) => s.loaded);
  const mono = { fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM };
  const columns: TableProps<RunSummary>['columns'] = [
    {
      title: 'Task',
      key: 'task',
      width: 170,
      ellipsis: { showTitle: false },
      render: (_v, r) => (r.task_id !== null ? <a href={href(`/instances?task=${r.task_id}`)}>{r.task_name ?? `task ${r.task_id}`}</a> : <Typography.Text type="secondary">ad hoc</Typography.Text>),
    },
    { title: 'Command', dataIndex: 'command', ellipsis: { showTitle: false }, render: (c: string) => <Command text={c} /> },
    { title: 'Status', key: 'status', width: 150, render: (_v, r) => <InstanceStatusTag instance={r} /> },
    {
      title: 'Hosts',
      key: 'hosts',
      width: 190,
      ellipsis: { showTitle: false },
      render: (_v, r) => (
        <Tooltip title={r.hosts.total > 1 ? `${r.host_names.join(', ')}${r.hosts.total > r.host_names.length ? ', …' : ''}` : undefined}>
          <span style={{ color: r.hosts.failed ? token.colorErrorText : undefined }}>{hostsText(r)}</span>
        </Tooltip>
      ),
    },
    { title: 'Run by', dataIndex: 'created_by', width: 110, ellipsis: true },
    // An ad-hoc run says so under Task already.
    { title: 'Trigger', dataIndex: 'trigger', width: 90, render: (v: RunSummary['trigger']) => (v === 'ad_hoc' ? null : triggerLabel[v]) },
    { title: 'Started', key: 'started', width: 130, render: (_v, r) => <Time relative value={r.started_time ?? r.created_time} /> },
    { title: 'Duration', key: 'duration', width: 90, align: 'right', render: (_v, r) => <DurationText instance={r} /> },
    {
      title: 'Run',
      dataIndex: 'run_id',
      width: 180,
      render: (id: string, r) =>
        r.single_instance_id ? (
          <Tooltip title="Open its only instance">
            <a href={href(`/instances/${r.single_instance_id}`)} style={mono}>{r.single_instance_id}</a>
          </Tooltip>
        ) : (
          <a href={href(`/instances?run=${id}`)} style={mono}>{id}</a>
        ),
    },
  ];

  return (
    <>
      <Table<RunSummary>
        rowKey="run_id"
        size="small"
        sticky={{ offsetHeader: 48 }}
        columns={columns}
        dataSource={items as RunSummary[]}
        loading={loading && !loaded}
        scroll={{ x: 1200 }}
        locale={{ emptyText: empty }}
        pagination={false}
        expandable={{
          rowExpandable: (r) => r.instances > 1,
          expandedRowRender: (r) => <RunMembersTable run={r} />,
          onExpand: (open, r) => {
            if (open) void runsStore.getState().expand(r.run_id);
          },
        }}
      />
      <Flex vertical align="center" gap={4} style={{ marginTop: 12 }}>
        {searchedTo ? (
          <Typography.Text type="secondary">
            Searched runs back to <Time value={searchedTo} />; older runs may match too.
          </Typography.Text>
        ) : null}
        {next ? (
          <Button loading={loading && loaded} onClick={() => void runsStore.getState().loadOlder()}>
            {searchedTo ? 'Search older runs' : 'Load older runs'}
          </Button>
        ) : loaded && items.length ? (
          <Typography.Text type="secondary">No older runs.</Typography.Text>
        ) : null}
      </Flex>
    </>
  );
}
