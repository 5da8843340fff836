import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Radio, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '../../../shared/api/contract';
import type { ApiToken } from '../../../shared/domain/tokens';
import { call } from '../../api/session-call';
import { ErrorAlert } from '../../components/error-alert';
import { Time, useTimeFormat } from '../../components/time-text';
import { errorMessage } from '../../lib/errors';
import { useNow } from '../../lib/use-now';
import { useCan, useSession } from '../../stores/session-store';
import { usersStore, useUsers } from '../../stores/users-store';
import { TokenCreateModal } from './token-create-modal';
import { sortedTokens, tokenStatus } from './token-model';

function StatusTag({ token, now }: { readonly token: ApiToken; readonly now: number }) {
  const s = tokenStatus(token, now);
  const time = useTimeFormat();
  const { t } = useTranslation();
  if (s.kind === 'active') return <Tag color="green">{t('tokens.status.active')}</Tag>;
  if (s.kind === 'expired') return <Tag>{t('tokens.status.expired')}</Tag>;
  return (
    <Tooltip title={token.revoked_at ? t('tokens.status.revokedAt', { time: time.absolute(token.revoked_at) }) : undefined}>
      <Tag color="red">{t('tokens.status.revokedBy', { user: s.by ?? t('tokens.status.someone') })}</Tag>
    </Tooltip>
  );
}

/** The tokens list, loaded here: only this tab shows it. */
function useTokens(): { tokens: readonly ApiToken[] | null; error: string | null; loading: boolean; reload: () => Promise<void> } {
  const [tokens, setTokens] = useState<readonly ApiToken[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setTokens(await call('tokens.list'));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { tokens, error, loading, reload };
}

/** Level 0 or 1, and the switch for admins (unless the environment pins it). */
function SecurityLevelCard() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const canSet = useCan('system:admin');
  const [level, setLevel] = useState<OpOutput<'system.security-level'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('system.security-level').then(setLevel, (err: unknown) => setError(errorMessage(err)));
  }, []);
  const change = async (next: 0 | 1): Promise<void> => {
    setBusy(true);
    try {
      setLevel(await call('system.set-security-level', { level: next }));
      void message.success(t('tokens.level.changed', { level: next }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const pinned = level?.source === 'environment';
  return (
    <Card size="small" title={t('tokens.level.title')}>
      <Typography.Paragraph type="secondary">{t('tokens.level.text')}</Typography.Paragraph>
      {error ? <ErrorAlert title={t('tokens.level.name')} message={error} /> : null}
      {level ? (
        <Flex gap={12} align="center" wrap>
          <Radio.Group
            aria-label={t('tokens.level.name')}
            value={level.level}
            disabled={!canSet || pinned || busy}
            onChange={(e) => void change(e.target.value as 0 | 1)}
            options={[
              { value: 0, label: t('tokens.level.l0') },
              { value: 1, label: t('tokens.level.l1') },
            ]}
          />
          {pinned ? <Typography.Text type="secondary">{t('tokens.level.pinned')}</Typography.Text> : null}
          {!canSet && !pinned ? <Typography.Text type="secondary">{t('tokens.level.needsAdmin')}</Typography.Text> : null}
        </Flex>
      ) : error ? null : (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      )}
    </Card>
  );
}

/** Settings → API tokens: create (secret shown once), list with last use and expiry, revoke with confirmation. */
export function ApiTokensTab() {
  const { modal, message, notification } = App.useApp();
  const { t } = useTranslation();
  const me = useSession((s) => s.user?.user_name ?? '');
  const users = useUsers((s) => s.users);
  const { tokens, error, loading, reload } = useTokens();
  const [creating, setCreating] = useState(false);
  const now = useNow(true, 30_000);
  const rows = useMemo(() => sortedTokens(tokens ?? [], now), [tokens, now]);

  useEffect(() => {
    if (!usersStore.getState().loaded) void usersStore.getState().load();
  }, []);

  const confirmRevoke = (tok: ApiToken): void => {
    modal.confirm({
      title: t('tokens.revoke.title', { name: tok.name }),
      content: t('tokens.revoke.content'),
      okText: t('tokens.revoke.action'),
      okButtonProps: { danger: true },
      cancelText: t('common.action.cancel'),
      onOk: async () => {
        try {
          await call('tokens.revoke', { id: tok.id });
          void message.success(t('tokens.revoke.done', { name: tok.name }));
        } catch (err) {
          notification.error({ message: t('tokens.revoke.failed', { name: tok.name }), description: errorMessage(err), duration: 10 });
        }
        await reload();
      },
    });
  };

  const columns: TableProps<ApiToken>['columns'] = [
    { title: t('tokens.col.name'), dataIndex: 'name', render: (v: string, tok) => <Tooltip title={tok.id}>{v}</Tooltip> },
    { title: t('tokens.col.owner'), dataIndex: 'owner', width: 120 },
    { title: t('tokens.col.scopes'), dataIndex: 'scopes', render: (scopes: string[]) => scopes.map((s) => <Tag key={s}>{s}</Tag>) },
    { title: t('tokens.col.created'), dataIndex: 'created_at', width: 140, render: (v: string, tok) => <Tooltip title={t('tokens.createdBy', { user: tok.created_by })}><span><Time relative value={v} /></span></Tooltip> },
    { title: t('tokens.col.lastUsed'), dataIndex: 'last_used_at', width: 140, render: (v: string | null) => <Time relative value={v} /> },
    { title: t('tokens.col.expires'), dataIndex: 'expires_at', width: 140, render: (v: string) => <Time value={v} /> },
    { title: t('tokens.col.status'), key: 'status', width: 150, render: (_v, tok) => <StatusTag token={tok} now={now} /> },
    {
      title: t('tokens.col.actions'),
      key: 'actions',
      width: 90,
      render: (_v, tok) =>
        tokenStatus(tok, now).kind === 'active' ? (
          <Button type="link" size="small" danger aria-label={t('tokens.revoke.aria', { name: tok.name })} onClick={() => confirmRevoke(tok)}>
            {t('tokens.revoke.action')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Card
        size="small"
        title={t('tokens.title')}
        extra={
          <Flex gap={8}>
            <Button size="small" icon={<ReloadOutlined aria-hidden />} aria-label={t('tokens.reload')} onClick={() => void reload()} loading={loading} />
            <Button size="small" type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('tokens.create')}
            </Button>
          </Flex>
        }
      >
        {error ? <ErrorAlert message={error} onRetry={() => void reload()} /> : null}
        {tokens === null && !error ? (
          <Skeleton active />
        ) : tokens !== null ? (
          <Table<ApiToken>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20 } : false}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tokens.empty')} />
              ),
            }}
          />
        ) : null}
      </Card>
      <SecurityLevelCard />
      {creating ? (
        <TokenCreateModal
          users={users}
          me={me}
          onClose={(created) => {
            setCreating(false);
            if (created) void reload();
          }}
        />
      ) : null}
    </Flex>
  );
}
