import { ReloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Select, Table, Tag, theme, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../shared/domain/audit';
import { defaultAuditCategories, knownAuditActions } from '../../../shared/domain/audit-categories';
import { href } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { Time } from '../../components/time-text';
import { auditStore, useAudit } from '../../stores/audit-store';
import { auditTargetHref } from './audit-links';
import { auditSentenceT } from './audit-sentence-model';
import { AuditCategoryFilter, AuditExportButton, AuditTextFilter, AuditTimeFilter } from './audit-toolbar';
import { verifyView } from './verify-view';
import { useTranslation } from 'react-i18next';

/** Kinds of thing an entry is about; the filter also offers whatever appears in the loaded entries. */
const knownTargetTypes = ['audit', 'binding', 'database', 'group', 'host', 'instance', 'process', 'request', 'setting', 'task', 'user'];

const serious = new Set(['audit.reanchored', 'host.key_mismatch', 'host.key_repinned', 'auth.login_failed', 'host.deleted', 'group.deleted', 'request.rejected', 'request.voided', 'process.deleted', 'process.disabled']);

function VerifyResult() {
  const { t } = useTranslation();
  const verify = useAudit((s) => s.verify);
  const error = useAudit((s) => s.verifyError);
  if (error) return <Alert type="error" showIcon message={t('audit.verifyFailed')} description={error} style={{ marginBottom: 12 }} />;
  if (!verify) return null;
  const view = verifyView(verify);
  const closable = view.type !== 'error';
  return (
    <Alert
      type={view.type}
      showIcon
      message={view.title}
      description={view.description ?? undefined}
      style={{ marginBottom: 12 }}
      closable={closable}
      onClose={closable ? () => auditStore.setState({ verify: null }) : undefined}
    />
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const entries = useAudit((s) => s.entries);
  const action = useAudit((s) => s.action);
  const targetType = useAudit((s) => s.targetType);
  const actor = useAudit((s) => s.actor);
  const text = useAudit((s) => s.text);
  const from = useAudit((s) => s.from);
  const to = useAudit((s) => s.to);
  const [actorText, setActorText] = useState(actor ?? '');
  const loading = useAudit((s) => s.loading);
  const error = useAudit((s) => s.error);
  const hasMore = useAudit((s) => s.hasMore);
  const verifying = useAudit((s) => s.verifying);

  useEffect(() => {
    void auditStore.getState().load();
  }, []);

  const actions = [...new Set([...knownAuditActions, ...entries.map((e) => e.action)])].sort();
  const targetTypes = [...new Set([...knownTargetTypes, ...entries.map((e) => e.target_type)])].sort();
  const filters = { action, targetType, actor, text, from, to };
  const categories = useAudit((s) => s.categories);
  const filtered = Boolean(action || targetType || actor || text || from || to) || categories.join() !== defaultAuditCategories.join();
  const mono = { fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM };

  return (
    <>
      <PageHeader
        title={t('shell.nav.audit')}
        subtitle={t('audit.subtitle')}
        extra={
          <>
            <AuditExportButton />
            <Button icon={<SafetyOutlined />} loading={verifying} onClick={() => void auditStore.getState().runVerify()}>
              {t('audit.verify')}
            </Button>
          </>
        }
      />
      <VerifyResult />
      {error ? <ErrorAlert message={error} onRetry={() => void auditStore.getState().load()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <AuditCategoryFilter />
        <Select<string>
          allowClear
          showSearch
          placeholder={t('audit.allActions')}
          aria-label={t('audit.filterAction')}
          value={action}
          onChange={(v) => void auditStore.getState().setFilters({ ...filters, action: v })}
          options={actions.map((a) => ({ value: a, label: a }))}
          style={{ width: 220 }}
        />
        <Select<string>
          allowClear
          showSearch
          placeholder={t('audit.allTargets')}
          aria-label={t('audit.filterTarget')}
          value={targetType}
          onChange={(v) => void auditStore.getState().setFilters({ ...filters, targetType: v })}
          options={targetTypes.map((t) => ({ value: t, label: t }))}
          style={{ width: 150 }}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.actorPlaceholder')}
          aria-label={t('audit.filterActor')}
          value={actorText}
          onChange={(e) => {
            setActorText(e.target.value);
            if (!e.target.value && actor) void auditStore.getState().setFilters({ ...filters, actor: undefined });
          }}
          onSearch={(v) => void auditStore.getState().setFilters({ ...filters, actor: v.trim() })}
          style={{ width: 210 }}
        />
        <AuditTextFilter key={`q-${text ?? ''}`} filters={filters} />
        <AuditTimeFilter filters={filters} />
        <Tooltip title={t('common.action.refresh')}>
          <Button aria-label={t('common.action.refresh')} icon={<ReloadOutlined />} onClick={() => void auditStore.getState().load()} />
        </Tooltip>
        {filtered ? (
          <Button
            type="link"
            onClick={() => {
              setActorText('');
              auditStore.setState({ categories: defaultAuditCategories });
              void auditStore.getState().setFilters({});
            }}
          >
            {t('tasks.list.clearFilters')}
          </Button>
        ) : null}
      </Flex>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        sticky={{ offsetHeader: 48 }}
        loading={loading}
        dataSource={entries as AuditEntry[]}
        pagination={false}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('audit.time'), dataIndex: 'ts', width: 170, render: (v: string) => <Time value={v} /> },
          {
            title: t('audit.whatHappened'),
            dataIndex: 'sentence',
            // The server's sentence is English (for the CSV and the CLI); the page says it in the reader's language.
            render: (_v: string, e) => (
              <Tooltip title={`${e.action} · ${e.target_type}${e.target_id ? ` ${e.target_id}` : ''}`} placement="topLeft">
                {auditTargetHref(e) ? (
                  <Typography.Link href={href(auditTargetHref(e)!)} type={serious.has(e.action) ? 'danger' : undefined}>{auditSentenceT(e, t)}</Typography.Link>
                ) : (
                  <Typography.Text type={serious.has(e.action) ? 'danger' : undefined}>{auditSentenceT(e, t)}</Typography.Text>
                )}
              </Tooltip>
            ),
          },
          { title: t('audit.category'), dataIndex: 'category', width: 120, render: (v: AuditEntry['category']) => <Tag>{t(`audit.cat.${v}`)}</Tag> },
          {
            title: t('audit.details'),
            dataIndex: 'details',
            width: 280,
            ellipsis: { showTitle: false },
            render: (d: unknown) => {
              if (d === null || d === undefined || (typeof d === 'object' && Object.keys(d).length === 0)) return null;
              const compact = JSON.stringify(d);
              return (
                <Tooltip title={<pre style={{ margin: 0, whiteSpace: 'pre-wrap', ...mono }}>{JSON.stringify(d, null, 2)}</pre>} placement="topLeft">
                  <span style={mono}>{compact}</span>
                </Tooltip>
              );
            },
          },
          { title: '#', dataIndex: 'id', width: 64, align: 'right' },
        ]}
      />
      {hasMore ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button loading={loading} onClick={() => void auditStore.getState().loadMore()}>
            {t('audit.loadOlder')}
          </Button>
        </Flex>
      ) : entries.length ? (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 12 }}>
          {t('audit.beginning')}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}
