import { ArrowDownOutlined, ArrowUpOutlined, HolderOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Radio, Space, Tag, Tooltip, Typography, theme } from 'antd';
import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { taskTypeNames, type Process, type TaskTypeName } from '../../../shared/domain/processes';
import { href } from '../../app/hash-route';
import { errorMessage } from '../../lib/errors';
import { useGroups } from '../../stores/groups-store';
import { useHosts } from '../../stores/hosts-store';
import { processesStore, useProcesses } from '../../stores/processes-store';
import { roleColor } from '../users/known-roles';
import { dropIndex, moveBy, moveItem, reconcileDraft, sameOrder } from './priority-order';
import { associationParts, rolesOf, taskTypeLabel } from './process-summary';

type FocusTarget = { readonly id: number; readonly which: 'item' | 'up' | 'down' };

function useWarnBeforeUnload(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active]);
}

/**
 * The priority order of one task type: drag a row, or focus it and press Alt+↑/↓, or use its
 * buttons. The order is a draft (kept while you visit other pages) until "Save order".
 */
export function PriorityPanel({ type, onType, canWrite }: { readonly type: TaskTypeName; readonly onType: (t: TaskTypeName) => void; readonly canWrite: boolean }) {
  const { token } = theme.useToken();
  const { message, notification } = App.useApp();
  const all = useProcesses((s) => s.processes);
  const drafts = useProcesses((s) => s.drafts);
  const [saving, setSaving] = useState(false);
  const [announce, setAnnounce] = useState('');
  const [drag, setDrag] = useState<{ id: number; over: number; lower: boolean } | null>(null);
  const focusNext = useRef<FocusTarget | null>(null);
  const refs = useRef(new Map<string, HTMLElement>());

  const byId = useMemo(() => new Map(all.map((p) => [p.id, p])), [all]);
  const hosts = useHosts((s) => s.hosts);
  const groups = useGroups((s) => s.groups);
  const hostNames = useMemo(() => new Map(hosts.map((h) => [h.id, h.name])), [hosts]);
  const groupNames = useMemo(() => new Map(groups.map((g) => [g.id, g.name])), [groups]);
  const coverage = (p: Process): string => {
    const a = associationParts(p, hostNames, groupNames);
    return a.all ? 'All hosts' : [...a.hosts.map((h) => h.name), ...a.groups.map((g) => `${g.name} (group)`)].join(', ');
  };
  const live = useMemo(() => all.filter((p) => p.task_type === type).map((p) => p.id), [all, type]);
  const draft = drafts[type];
  const order = useMemo(() => (draft ? reconcileDraft(draft, live) : live), [draft, live]);
  const dirty = Boolean(draft) && !sameOrder(order, live);
  const anyDirty = taskTypeNames.some((t) => drafts[t] && !sameOrder(reconcileDraft(drafts[t]!, all.filter((p) => p.task_type === t).map((p) => p.id)), all.filter((p) => p.task_type === t).map((p) => p.id)));
  useWarnBeforeUnload(anyDirty);

  useEffect(() => {
    const f = focusNext.current;
    if (!f) return;
    focusNext.current = null;
    const button = refs.current.get(`${f.id}:${f.which}`) as HTMLButtonElement | undefined;
    (button && !button.disabled ? button : refs.current.get(`${f.id}:item`))?.focus();
  }, [order]);

  const apply = (next: number[], moved: number, which: FocusTarget['which']): void => {
    processesStore.getState().setDraft(type, sameOrder(next, live) ? null : next);
    const p = byId.get(moved);
    focusNext.current = { id: moved, which };
    if (p) setAnnounce(`${p.name} moved to position ${next.indexOf(moved) + 1} of ${next.length}.`);
  };
  const move = (id: number, delta: number, which: FocusTarget['which']): void => {
    const next = moveBy(order, id, delta);
    if (!sameOrder(next, order)) apply(next, id, which);
  };

  const save = async (): Promise<void> => {
    setSaving(true);
    try {
      await processesStore.getState().savePriority(type, order);
      void message.success(`Saved the ${taskTypeLabel[type].toLowerCase()} priority order`);
      setAnnounce('Order saved.');
    } catch (err) {
      notification.error({ message: 'The order was not saved', description: errorMessage(err), duration: 8 });
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>, id: number): void => {
    if (!canWrite || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    move(id, e.key === 'ArrowUp' ? -1 : 1, 'item');
  };
  const onDragOver = (e: DragEvent<HTMLLIElement>, index: number): void => {
    if (!drag) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    const rect = e.currentTarget.getBoundingClientRect();
    const lower = e.clientY > rect.top + rect.height / 2;
    if (drag.over !== index || drag.lower !== lower) setDrag({ ...drag, over: index, lower });
  };
  const onDrop = (e: DragEvent<HTMLLIElement>): void => {
    e.preventDefault();
    if (!drag) return;
    const from = order.indexOf(drag.id);
    const to = dropIndex(from, drag.over, drag.lower);
    setDrag(null);
    if (from >= 0 && from !== to) apply(moveItem(order, from, to), drag.id, 'item');
  };

  const setRef = (key: string) => (el: HTMLElement | null) => {
    if (el) refs.current.set(key, el);
    else refs.current.delete(key);
  };

  const row = (p: Process, index: number) => {
    const indicator = drag && drag.id !== p.id && drag.over === index ? (drag.lower ? 'bottom' : 'top') : null;
    return (
      <li
        key={p.id}
        ref={setRef(`${p.id}:item`)}
        tabIndex={canWrite ? 0 : undefined}
        draggable={canWrite}
        aria-describedby={canWrite ? 'priority-keys' : undefined}
        onKeyDown={(e) => onKeyDown(e, p.id)}
        onDragStart={(e) => {
          e.dataTransfer.effectAllowed = 'move';
          e.dataTransfer.setData('text/plain', String(p.id));
          setDrag({ id: p.id, over: index, lower: false });
        }}
        onDragOver={(e) => onDragOver(e, index)}
        onDrop={onDrop}
        onDragEnd={() => setDrag(null)}
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 10,
          padding: '8px 10px',
          marginBottom: 6,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderTop: indicator === 'top' ? `2px solid ${token.colorPrimary}` : `1px solid ${token.colorBorderSecondary}`,
          borderBottom: indicator === 'bottom' ? `2px solid ${token.colorPrimary}` : `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
          background: drag?.id === p.id ? token.colorPrimaryBg : p.enabled ? token.colorBgContainer : token.colorFillQuaternary,
          cursor: canWrite ? 'grab' : undefined,
          outlineOffset: 2,
        }}
      >
        {canWrite ? <HolderOutlined aria-hidden style={{ color: token.colorTextTertiary }} /> : null}
        <span
          style={{ flex: '0 0 auto', width: 24, height: 24, borderRadius: 12, textAlign: 'center', lineHeight: '24px', fontWeight: 600, background: token.colorFillSecondary }}
        >
          {index + 1}
        </span>
        <div style={{ flex: 1, minWidth: 0, opacity: p.enabled ? 1 : 0.6 }}>
          <a href={href(`/processes/${p.id}`)} draggable={false}>
            {p.name}
          </a>{' '}
          {p.enabled ? null : (
            <>
              <Tag style={{ marginInlineStart: 4 }}>Disabled</Tag>
              <Typography.Text type="secondary">never matched while disabled</Typography.Text>
            </>
          )}
          <div style={{ fontSize: token.fontSizeSM }}>
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {coverage(p)} · level{p.risk_levels.length === 1 ? '' : 's'} {p.risk_levels.map((l) => l.level).join(', ')} ·{' '}
            </Typography.Text>
            {rolesOf(p).map((r) => (
              <Tag key={r} color={roleColor(r)} style={{ fontSize: token.fontSizeSM - 1, lineHeight: '16px', marginInlineEnd: 2 }}>
                {r}
              </Tag>
            ))}
          </div>
        </div>
        {canWrite ? (
          <Space size={4}>
            <Tooltip title="Higher priority (Alt+↑)">
              <Button size="small" ref={setRef(`${p.id}:up`)} aria-label="Move up" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(p.id, -1, 'up')} />
            </Tooltip>
            <Tooltip title="Lower priority (Alt+↓)">
              <Button size="small" ref={setRef(`${p.id}:down`)} aria-label="Move down" icon={<ArrowDownOutlined />} disabled={index === order.length - 1} onClick={() => move(p.id, 1, 'down')} />
            </Tooltip>
          </Space>
        ) : null}
      </li>
    );
  };

  const countOf = (t: TaskTypeName): number => all.filter((p) => p.task_type === t).length;
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          aria-label="Task type"
          optionType="button"
          buttonStyle="solid"
          value={type}
          onChange={(e) => onType(e.target.value as TaskTypeName)}
          options={taskTypeNames.map((t) => ({ value: t, label: `${taskTypeLabel[t]} (${countOf(t)})${drafts[t] ? ' *' : ''}` }))}
        />
        <Typography.Text type="secondary">A task uses the first enabled process, from the top, that covers every one of its hosts.</Typography.Text>
      </Flex>
      <section aria-label="Priority" style={{ maxWidth: 860 }}>
        {dirty ? (
          <Alert
            type="warning"
            showIcon
            message="Unsaved order"
            description="Tasks are matched by the saved order until you save this one."
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {order.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`No ${taskTypeLabel[type].toLowerCase()} processes yet.`} />
        ) : (
          <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>{order.map((id, i) => (byId.get(id) ? row(byId.get(id)!, i) : null))}</ol>
        )}
        <span id="priority-keys" hidden>
          Press Alt and the up or down arrow to move this process.
        </span>
        <div role="status" aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)' }}>
          {announce}
        </div>
        {canWrite ? (
          <Flex gap={8} style={{ marginTop: 12 }}>
            <Button type="primary" disabled={!dirty} loading={saving} onClick={() => void save()}>
              Save order
            </Button>
            <Button disabled={!dirty || saving} onClick={() => processesStore.getState().setDraft(type, null)}>
              Discard
            </Button>
            <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
              Drag a row, or focus it and press Alt+↑ / Alt+↓.
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            Changing the order needs the processes:write permission (administrators).
          </Typography.Paragraph>
        )}
      </section>
    </>
  );
}
