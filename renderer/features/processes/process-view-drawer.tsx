import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Drawer, Empty, Result, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { Process } from '../../../shared/domain/processes';
import { href } from '../../app/hash-route';
import { Time } from '../../components/time-text';
import { useGroups } from '../../stores/groups-store';
import { useHosts } from '../../stores/hosts-store';
import { useProcesses } from '../../stores/processes-store';
import { roleColor } from '../users/known-roles';
import { associationParts, maxStatementsText, taskTypeLabel } from './process-summary';
import { ProcessStatusTag } from './process-status-tag';

function Levels({ p }: { readonly p: Process }) {
  const graded = p.task_type === 'database_change';
  return (
    <>
      {p.risk_levels.map((l) => (
        <Card key={l.level} size="small" title={graded ? `Level ${l.level}` : 'Approval'} style={{ marginBottom: 8 }} role="group" aria-label={graded ? `Level ${l.level}` : 'Approval'}>
          {graded ? (
            <Descriptions
              size="small"
              column={1}
              styles={{ label: { width: 130 } }}
              items={[
                { key: 's', label: 'SQL subtypes', children: <Space size={[4, 4]} wrap>{l.sql_subtypes.map((s) => <Tag key={s}>{s}</Tag>)}</Space> },
                { key: 'm', label: 'Max statements', children: maxStatementsText(l) },
              ]}
              style={{ marginBottom: 8 }}
            />
          ) : null}
          <Steps
            size="small"
            direction="vertical"
            current={-1}
            items={l.approval_nodes.map((n, i) => ({
              title: `Node ${i + 1}`,
              description: (
                <>
                  approved by a <Tag color={roleColor(n.role)}>{n.role}</Tag>
                </>
              ),
              status: 'wait' as const,
            }))}
          />
        </Card>
      ))}
    </>
  );
}

/** `#/processes/:id`: everything about one process, read-only, with Edit and Enable/Disable. */
export function ProcessViewDrawer({
  processId,
  canWrite,
  onClose,
  onEdit,
  onToggle,
}: {
  readonly processId: number | undefined;
  readonly canWrite: boolean;
  readonly onClose: () => void;
  readonly onEdit: (p: Process) => void;
  readonly onToggle: (p: Process) => void;
}) {
  const p = useProcesses((s) => s.processes.find((x) => x.id === processId));
  const loaded = useProcesses((s) => s.loaded);
  const hosts = useHosts((s) => s.hosts);
  const groups = useGroups((s) => s.groups);
  const hostNames = useMemo(() => new Map(hosts.map((h) => [h.id, h.name])), [hosts]);
  const groupNames = useMemo(() => new Map(groups.map((g) => [g.id, g.name])), [groups]);

  const body = (() => {
    if (!p) return loaded ? <Result status="404" title="Process not found" subTitle={`There is no process #${processId}; it may have been deleted.`} /> : <Skeleton active />;
    const assoc = associationParts(p, hostNames, groupNames);
    const none = <Typography.Text type="secondary">none</Typography.Text>;
    return (
      <>
        <Typography.Title level={5}>Basic information</Typography.Title>
        <Descriptions
          size="small"
          column={2}
          styles={{ label: { width: 130 } }}
          items={[
            { key: 'n', label: 'Name', children: p.name, span: 2 },
            { key: 't', label: 'Task type', children: taskTypeLabel[p.task_type] },
            { key: 's', label: 'Status', children: <ProcessStatusTag enabled={p.enabled} /> },
            { key: 'l', label: 'Risk levels', children: p.risk_levels.map((l) => l.level).join(', ') },
            { key: 'a', label: 'Approval validity', children: `${p.validity.approval_hours} hours` },
            { key: 'w', label: 'Waiting period', children: `${p.validity.wait_hours} hours` },
            { key: 'e', label: 'Execution validity', children: `${p.validity.execution_hours} hours` },
            { key: 'c', label: 'Created by', children: p.created_by },
            { key: 'ca', label: 'Created', children: <Time value={p.created_at} /> },
            { key: 'u', label: 'Updated', children: <Time value={p.updated_at} /> },
            { key: 'r', label: 'Remarks', children: p.remarks || none, span: 2 },
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {p.task_type === 'database_change' ? 'Levels' : 'Approval nodes'}
        </Typography.Title>
        <Levels p={p} />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          Associated hosts
        </Typography.Title>
        {assoc.all ? (
          <Typography.Paragraph>All hosts, present and future.</Typography.Paragraph>
        ) : (
          <Descriptions
            size="small"
            column={1}
            styles={{ label: { width: 130 } }}
            items={[
              { key: 'h', label: 'Hosts', children: assoc.hosts.length ? <Space size={[4, 4]} wrap>{assoc.hosts.map((h) => <a key={h.id} href={href(`/hosts/${h.id}`)}><Tag>{h.name}</Tag></a>)}</Space> : none },
              { key: 'g', label: 'Groups', children: assoc.groups.length ? <Space size={[4, 4]} wrap>{assoc.groups.map((g) => <a key={g.id} href={href(`/groups/${g.id}`)}><Tag>{g.name}</Tag></a>)}</Space> : none },
            ]}
          />
        )}
        {!p.enabled ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Disabled: never matched. Its tasks go to the next process in priority, or to the unmatched-task policy." /> : null}
      </>
    );
  })();

  return (
    <Drawer
      open={processId !== undefined}
      title={p ? `Process ${p.name}` : 'Process'}
      width={600}
      onClose={onClose}
      extra={
        p && canWrite ? (
          <Space>
            <Button onClick={() => onToggle(p)}>{p.enabled ? 'Disable' : 'Enable'}</Button>
            <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(p)}>
              Edit
            </Button>
          </Space>
        ) : null
      }
    >
      {body}
    </Drawer>
  );
}
