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
import { useTranslation } from 'react-i18next';

function Levels({ p }: { readonly p: Process }) {
  const { t } = useTranslation();
  const graded = p.task_type === 'database_change';
  return (
    <>
      {p.risk_levels.map((l) => (
        <Card key={l.level} size="small" title={graded ? t('processes.level', { n: l.level }) : t('tasks.field.approval')} style={{ marginBottom: 8 }} role="group" aria-label={graded ? t('processes.level', { n: l.level }) : t('tasks.field.approval')}>
          {graded ? (
            <Descriptions
              size="small"
              column={1}
              styles={{ label: { width: 130 } }}
              items={[
                { key: 's', label: t('processes.sqlSubtypes'), children: <Space size={[4, 4]} wrap>{l.sql_subtypes.map((s) => <Tag key={s}>{s}</Tag>)}</Space> },
                { key: 'm', label: t('processes.maxStatements'), children: maxStatementsText(l) },
              ]}
              style={{ marginBottom: 8 }}
            />
          ) : null}
          <Steps
            size="small"
            direction="vertical"
            current={-1}
            items={l.approval_nodes.map((n, i) => ({
              title: t('approvals.timeline.node', { n: i + 1 }),
              description: (
                <>
                  {t('processes.approvedByA')} <Tag color={roleColor(n.role)}>{n.role}</Tag>
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
  const { t } = useTranslation();
  const p = useProcesses((s) => s.processes.find((x) => x.id === processId));
  const loaded = useProcesses((s) => s.loaded);
  const hosts = useHosts((s) => s.hosts);
  const groups = useGroups((s) => s.groups);
  const hostNames = useMemo(() => new Map(hosts.map((h) => [h.id, h.name])), [hosts]);
  const groupNames = useMemo(() => new Map(groups.map((g) => [g.id, g.name])), [groups]);

  const body = (() => {
    if (!p) return loaded ? <Result status="404" title={t('processes.view.notFound')} subTitle={t('processes.view.notFoundText', { id: processId })} /> : <Skeleton active />;
    const assoc = associationParts(p, hostNames, groupNames);
    const none = <Typography.Text type="secondary">{t('common.value.none')}</Typography.Text>;
    return (
      <>
        <Typography.Title level={5}>{t('processes.view.basic')}</Typography.Title>
        <Descriptions
          size="small"
          column={2}
          styles={{ label: { width: 130 } }}
          items={[
            { key: 'n', label: t('tasks.field.name'), children: p.name, span: 2 },
            { key: 't', label: t('processes.taskType'), children: taskTypeLabel[p.task_type] },
            { key: 's', label: t('instances.field.status'), children: <ProcessStatusTag enabled={p.enabled} /> },
            { key: 'l', label: t('processes.riskLevels'), children: p.risk_levels.map((l) => l.level).join(', ') },
            { key: 'a', label: t('processes.validity.approval'), children: t('processes.hours', { count: p.validity.approval_hours }) },
            { key: 'w', label: t('processes.validity.waitPeriod'), children: t('processes.hours', { count: p.validity.wait_hours }) },
            { key: 'e', label: t('processes.validity.execution'), children: t('processes.hours', { count: p.validity.execution_hours }) },
            { key: 'c', label: t('processes.createdBy'), children: p.created_by },
            { key: 'ca', label: t('tasks.field.created'), children: <Time value={p.created_at} /> },
            { key: 'u', label: t('tasks.field.updated'), children: <Time value={p.updated_at} /> },
            { key: 'r', label: t('processes.remarks'), children: p.remarks || none, span: 2 },
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {p.task_type === 'database_change' ? t('processes.levels') : t('processes.nodes')}
        </Typography.Title>
        <Levels p={p} />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('processes.associated')}
        </Typography.Title>
        {assoc.all ? (
          <Typography.Paragraph>{t('processes.view.allHosts')}</Typography.Paragraph>
        ) : (
          <Descriptions
            size="small"
            column={1}
            styles={{ label: { width: 130 } }}
            items={[
              { key: 'h', label: t('shell.nav.hosts'), children: assoc.hosts.length ? <Space size={[4, 4]} wrap>{assoc.hosts.map((h) => <a key={h.id} href={href(`/hosts/${h.id}`)}><Tag>{h.name}</Tag></a>)}</Space> : none },
              { key: 'g', label: t('shell.nav.groups'), children: assoc.groups.length ? <Space size={[4, 4]} wrap>{assoc.groups.map((g) => <a key={g.id} href={href(`/groups/${g.id}`)}><Tag>{g.name}</Tag></a>)}</Space> : none },
            ]}
          />
        )}
        {!p.enabled ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('processes.view.disabled')} /> : null}
      </>
    );
  })();

  return (
    <Drawer
      open={processId !== undefined}
      title={
        // A long name ellipsises (whole on hover) so the title never pushes Edit out of the drawer.
        <Typography.Text ellipsis={{ tooltip: p?.name }} style={{ font: 'inherit', color: 'inherit', maxWidth: '100%' }}>
          {p ? t('processes.view.title', { name: p.name }) : t('approvals.field.process')}
        </Typography.Text>
      }
      width={600}
      onClose={onClose}
      extra={
        p && canWrite ? (
          <Space>
            <Button onClick={() => onToggle(p)}>{p.enabled ? t('users.toggle.disable') : t('users.toggle.enable')}</Button>
            <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(p)}>
              {t('common.action.edit')}
            </Button>
          </Space>
        ) : null
      }
    >
      {body}
    </Drawer>
  );
}
