import { Alert, Button, Flex, Table, theme, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Instance, RunSummary } from '../../../shared/domain/instances';
import { href } from '../../app/hash-route';
import { DurationText } from '../../components/duration-text';
import { InstanceStatusTag } from '../../components/instance-status-tag';
import { Time } from '../../components/time-text';
import { MEMBERS_SHOWN, runsStore, useRuns } from '../../stores/runs-store';
import { hostsText, memberRows } from './runs-model';
import { instanceError } from '../../lib/server-words';

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
  const { t } = useTranslation();
  const m = useRuns((s) => s.members[run.run_id]);
  if (m?.error) return <Alert type="error" showIcon message={m.error} action={<Button size="small" onClick={() => void runsStore.getState().expand(run.run_id)}>{t('instances.runs.retry')}</Button>} />;
  const rows = memberRows(m?.items ?? []);
  const columns: TableProps<Instance>['columns'] = [
    { title: t('instances.runs.host'), key: 'host', width: 160, render: (_v, i) => <Tooltip title={i.host.host}>{i.host.name}</Tooltip> },
    { title: t('instances.runs.status'), key: 'status', width: 150, render: (_v, i) => <InstanceStatusTag instance={i} /> },
    {
      title: t('instances.runs.exit'),
      dataIndex: 'exit_code',
      width: 64,
      align: 'right',
      render: (v: number | null, i) => (v !== null ? <Typography.Text type={v === 0 ? undefined : 'danger'}>{v}</Typography.Text> : i.signal ? <Typography.Text type="danger">{i.signal}</Typography.Text> : null),
    },
    { title: t('instances.runs.attempt'), dataIndex: 'attempt', width: 80, align: 'right' },
    { title: t('instances.runs.started'), dataIndex: 'started_time', width: 130, render: (v: string | null) => <Time relative value={v} empty={t('instances.notStarted')} /> },
    { title: t('instances.runs.duration'), key: 'duration', width: 90, align: 'right', render: (_v, i) => <DurationText instance={i} /> },
    { title: t('instances.runs.error'), dataIndex: 'error', ellipsis: true, render: (v: string | null) => (v ? <Typography.Text type="danger">{instanceError(v)}</Typography.Text> : null) },
    { title: t('instances.runs.instance'), dataIndex: 'id', width: 190, render: (id: string) => <a href={href(`/instances/${id}`)} style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM }}>{id}</a> },
  ];
  return (
    <>
      <Table<Instance> rowKey="id" size="small" columns={columns} dataSource={rows} loading={!m || m.loading} pagination={false} />
      {m && m.total > MEMBERS_SHOWN ? (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('instances.runs.showing', { shown: MEMBERS_SHOWN, total: m.total.toLocaleString() })}
          <a href={href(`/instances?run=${run.run_id}`)}>{t('instances.runs.seeAll')}</a>
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
  const { t } = useTranslation();
  const items = useRuns((s) => s.items);
  const loading = useRuns((s) => s.loading);
  const next = useRuns((s) => s.next);
  const searchedTo = useRuns((s) => s.searchedTo);
  const loaded = useRuns((s) => s.loaded);
  const mono = { fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM };
  const columns: TableProps<RunSummary>['columns'] = [
    {
      title: t('instances.runs.task'),
      key: 'task',
      width: 130,
      ellipsis: { showTitle: false },
      render: (_v, r) => {
        if (r.task_id === null) return <Typography.Text type="secondary">{t('instances.runs.adHoc')}</Typography.Text>;
        const name = r.task_name ?? t('instances.runs.taskId', { id: r.task_id });
        // The cell cuts a long name off: the whole of it on hover.
        return <a href={href(`/instances?task=${r.task_id}`)} title={name}>{name}</a>;
      },
    },
    { title: t('instances.runs.command'), dataIndex: 'command', ellipsis: { showTitle: false }, render: (c: string) => <Command text={c} /> },
    { title: t('instances.runs.status'), key: 'status', width: 110, render: (_v, r) => <InstanceStatusTag instance={r} /> },
    {
      title: t('instances.runs.hosts'),
      key: 'hosts',
      width: 140,
      ellipsis: { showTitle: false },
      render: (_v, r) => (
        <Tooltip title={r.hosts.total > 1 ? `${r.host_names.join(', ')}${r.hosts.total > r.host_names.length ? ', …' : ''}` : undefined}>
          <span style={{ color: r.hosts.failed ? token.colorErrorText : undefined }}>{hostsText(r)}</span>
        </Tooltip>
      ),
    },
    { title: t('instances.runs.runBy'), dataIndex: 'created_by', width: 90, ellipsis: true },
    // An ad-hoc run says so under Task already.
    { title: t('instances.runs.trigger'), dataIndex: 'trigger', width: 80, render: (v: RunSummary['trigger']) => (v === 'ad_hoc' ? null : t(`instances.trigger.${v}`)) },
    { title: t('instances.runs.started'), key: 'started', width: 110, render: (_v, r) => <Time relative value={r.started_time ?? r.created_time} /> },
    { title: t('instances.runs.duration'), key: 'duration', width: 80, align: 'right', render: (_v, r) => <DurationText instance={r} /> },
    {
      title: t('instances.runs.run'),
      dataIndex: 'run_id',
      width: 150,
      ellipsis: { showTitle: false },
      render: (id: string, r) =>
        r.single_instance_id ? (
          <Tooltip title={t('instances.runs.openOnly')}>
            <a href={href(`/instances/${r.single_instance_id}`)} style={mono}>{r.single_instance_id}</a>
          </Tooltip>
        ) : (
          <a href={href(`/instances?run=${id}`)} style={mono} title={id}>{id}</a>
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
        // Fits the content width at 1280 px with the menu open (1032 px), so the id column is not cut off.
        scroll={{ x: 1030 }}
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
            {t('instances.runs.searchedBefore')}
            <Time value={searchedTo} />
            {t('instances.runs.searchedAfter')}
          </Typography.Text>
        ) : null}
        {next ? (
          <Button loading={loading && loaded} onClick={() => void runsStore.getState().loadOlder()}>
            {searchedTo ? t('instances.runs.searchOlder') : t('instances.runs.loadOlder')}
          </Button>
        ) : loaded && items.length ? (
          <Typography.Text type="secondary">{t('instances.runs.noOlder')}</Typography.Text>
        ) : null}
      </Flex>
    </>
  );
}
