import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Radio, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
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
  if (s.kind === 'active') return <Tag color="green">Active</Tag>;
  if (s.kind === 'expired') return <Tag>Expired</Tag>;
  return (
    <Tooltip title={token.revoked_at ? `Revoked ${time.absolute(token.revoked_at)}` : undefined}>
      <Tag color="red">Revoked by {s.by}</Tag>
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
      void message.success(`Security level ${next}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const pinned = level?.source === 'environment';
  return (
    <Card size="small" title="Request signing">
      <Typography.Paragraph type="secondary">
        Level 0: requests carry the token. Level 1: every request is signed with the token&apos;s secret (HMAC-SHA256 over method, path, time, nonce and body), which is never
        sent; a captured request cannot be replayed or changed. It applies to the HTTP API (browser mode, the CLI, plug-ins); the desktop app talks to its core over IPC.
        This console signs by itself; plug-ins must sign too (see the README).
      </Typography.Paragraph>
      {error ? <ErrorAlert title="Security level" message={error} /> : null}
      {level ? (
        <Flex gap={12} align="center" wrap>
          <Radio.Group
            aria-label="Security level"
            value={level.level}
            disabled={!canSet || pinned || busy}
            onChange={(e) => void change(e.target.value as 0 | 1)}
            options={[
              { value: 0, label: 'Level 0: bearer tokens' },
              { value: 1, label: 'Level 1: signed requests' },
            ]}
          />
          {pinned ? <Typography.Text type="secondary">Set by TASKDECK_SECURITY_LEVEL; change it there and restart.</Typography.Text> : null}
          {!canSet && !pinned ? <Typography.Text type="secondary">Changing it needs the system:admin permission.</Typography.Text> : null}
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
  const me = useSession((s) => s.user?.user_name ?? '');
  const users = useUsers((s) => s.users);
  const { tokens, error, loading, reload } = useTokens();
  const [creating, setCreating] = useState(false);
  const now = useNow(true, 30_000);
  const rows = useMemo(() => sortedTokens(tokens ?? [], now), [tokens, now]);

  useEffect(() => {
    if (!usersStore.getState().loaded) void usersStore.getState().load();
  }, []);

  const confirmRevoke = (t: ApiToken): void => {
    modal.confirm({
      title: `Revoke the API token ${t.name}?`,
      content: `Its next request is refused (token_revoked), whatever it was doing. A plug-in using it stops working until it is given a new token. This cannot be undone.`,
      okText: 'Revoke',
      okButtonProps: { danger: true },
      cancelText: 'Cancel',
      onOk: async () => {
        try {
          await call('tokens.revoke', { id: t.id });
          void message.success(`Revoked ${t.name}`);
        } catch (err) {
          notification.error({ message: `${t.name} was not revoked`, description: errorMessage(err), duration: 10 });
        }
        await reload();
      },
    });
  };

  const columns: TableProps<ApiToken>['columns'] = [
    { title: 'Name', dataIndex: 'name', render: (v: string, t) => <Tooltip title={t.id}>{v}</Tooltip> },
    { title: 'Acts as', dataIndex: 'owner', width: 120 },
    { title: 'Scopes', dataIndex: 'scopes', render: (scopes: string[]) => scopes.map((s) => <Tag key={s}>{s}</Tag>) },
    { title: 'Created', dataIndex: 'created_at', width: 140, render: (v: string, t) => <Tooltip title={`by ${t.created_by}`}><span><Time relative value={v} /></span></Tooltip> },
    { title: 'Last used', dataIndex: 'last_used_at', width: 140, render: (v: string | null) => <Time relative value={v} /> },
    { title: 'Expires', dataIndex: 'expires_at', width: 140, render: (v: string) => <Time value={v} /> },
    { title: 'Status', key: 'status', width: 150, render: (_v, t) => <StatusTag token={t} now={now} /> },
    {
      title: 'Actions',
      key: 'actions',
      width: 90,
      render: (_v, t) =>
        tokenStatus(t, now).kind === 'active' ? (
          <Button type="link" size="small" danger aria-label={`Revoke ${t.name}`} onClick={() => confirmRevoke(t)}>
            Revoke
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Card
        size="small"
        title="API tokens"
        extra={
          <Flex gap={8}>
            <Button icon={<ReloadOutlined aria-hidden />} aria-label="Reload tokens" onClick={() => void reload()} loading={loading} />
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              New token
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
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No API tokens yet. Create one for each plug-in or script that calls Taskdeck, with only the scopes it needs." />
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
