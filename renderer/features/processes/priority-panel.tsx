import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type Modifier,
  type ScreenReaderInstructions,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ArrowDownOutlined, ArrowUpOutlined, HolderOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Radio, Space, Tag, Tooltip, Typography, theme } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { taskTypeNames, type Process, type TaskTypeName } from '../../../shared/domain/processes';
import { href } from '../../app/hash-route';
import { errorMessage } from '../../lib/errors';
import { useGroups } from '../../stores/groups-store';
import { useHosts } from '../../stores/hosts-store';
import { processesStore, useProcesses } from '../../stores/processes-store';
import { roleColor } from '../users/known-roles';
import { moveBy, moveOnto, reconcileDraft, sameOrder } from './priority-order';
import { associationParts, rolesOf, taskTypeLabel } from './process-summary';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

type FocusTarget = { readonly id: number; readonly which: 'item' | 'handle' | 'up' | 'down' };
type Register = (key: string, el: HTMLElement | null) => void;

/** A press on a handle that moves less than this is a click, not a drag. */
const pointerOptions = { activationConstraint: { distance: 5 } };
const keyboardOptions = { coordinateGetter: sortableKeyboardCoordinates };
/** Rows move only up and down. */
const verticalOnly: Modifier = ({ transform }) => ({ ...transform, x: 0 });
/** dnd-kit's instructions for screen readers, in the current language. */
const instructions = (t: TFunction): ScreenReaderInstructions => ({ draggable: t('processes.dnd.instructions') });

/** dnd-kit's live announcements, naming processes and their places rather than ids. */
function announcementsFor(order: readonly number[], nameOf: (id: number) => string, t: TFunction): Announcements {
  const name = (id: UniqueIdentifier): string => nameOf(Number(id));
  const at = (id: UniqueIdentifier): string => t('processes.dnd.position', { n: order.indexOf(Number(id)) + 1, of: order.length });
  return {
    onDragStart: ({ active }) => t('processes.dnd.start', { name: name(active.id), at: at(active.id) }),
    onDragOver: ({ active, over }) => (over ? t('processes.dnd.over', { name: name(active.id), at: at(over.id) }) : t('processes.dnd.outside', { name: name(active.id) })),
    // A drop that moves the process is announced by the panel's status line, as a move by button is.
    onDragEnd: ({ active, over }) => (over && over.id !== active.id ? undefined : t('processes.dnd.dropped', { name: name(active.id), at: at(active.id) })),
    onDragCancel: ({ active }) => t('processes.dnd.cancelled', { name: name(active.id), at: at(active.id) }),
  };
}

function useWarnBeforeUnload(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active]);
}

/**
 * The priority order of one task type: drag a row by its handle (mouse, or Space and the arrow keys
 * on the focused handle), or focus the row and press Alt+↑/↓, or use its buttons. The order is a
 * draft (kept while you visit other pages) until "Save order".
 */
export function PriorityPanel({ type, onType, canWrite }: { readonly type: TaskTypeName; readonly onType: (t: TaskTypeName) => void; readonly canWrite: boolean }) {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const all = useProcesses((s) => s.processes);
  const drafts = useProcesses((s) => s.drafts);
  const [saving, setSaving] = useState(false);
  const [announce, setAnnounce] = useState('');
  const [dragging, setDragging] = useState(false);
  const focusNext = useRef<FocusTarget | null>(null);
  const refs = useRef(new Map<string, HTMLElement>());
  const sensors = useSensors(useSensor(PointerSensor, pointerOptions), useSensor(KeyboardSensor, keyboardOptions));

  const byId = useMemo(() => new Map(all.map((p) => [p.id, p])), [all]);
  const hosts = useHosts((s) => s.hosts);
  const groups = useGroups((s) => s.groups);
  const hostNames = useMemo(() => new Map(hosts.map((h) => [h.id, h.name])), [hosts]);
  const groupNames = useMemo(() => new Map(groups.map((g) => [g.id, g.name])), [groups]);
  const coverage = (p: Process): string => {
    const a = associationParts(p, hostNames, groupNames);
    return a.all ? t('processes.allHosts') : [...a.hosts.map((h) => h.name), ...a.groups.map((g) => t('processes.groupSuffix', { name: g.name }))].join(', ');
  };
  const live = useMemo(() => all.filter((p) => p.task_type === type).map((p) => p.id), [all, type]);
  const draft = drafts[type];
  const order = useMemo(() => (draft ? reconcileDraft(draft, live) : live), [draft, live]);
  const dirty = Boolean(draft) && !sameOrder(order, live);
  const anyDirty = taskTypeNames.some((kind) => drafts[kind] && !sameOrder(reconcileDraft(drafts[kind]!, all.filter((p) => p.task_type === kind).map((p) => p.id)), all.filter((p) => p.task_type === kind).map((p) => p.id)));
  useWarnBeforeUnload(anyDirty);
  const announcements = useMemo(() => announcementsFor(order, (id) => byId.get(id)?.name ?? t('processes.dnd.processN', { id }), t), [order, byId, t]);

  useEffect(() => {
    const f = focusNext.current;
    if (!f) return;
    focusNext.current = null;
    const button = refs.current.get(`${f.id}:${f.which}`) as HTMLButtonElement | undefined;
    (button && !button.disabled ? button : refs.current.get(`${f.id}:item`))?.focus();
  }, [order]);

  const register = useCallback<Register>((key, el) => {
    if (el) refs.current.set(key, el);
    else refs.current.delete(key);
  }, []);
  const apply = (next: number[], moved: number, which: FocusTarget['which']): void => {
    processesStore.getState().setDraft(type, sameOrder(next, live) ? null : next);
    const p = byId.get(moved);
    focusNext.current = { id: moved, which };
    if (p) setAnnounce(t('processes.dnd.moved', { name: p.name, n: next.indexOf(moved) + 1, of: next.length }));
  };
  const move = (id: number, delta: number, which: FocusTarget['which']): void => {
    const next = moveBy(order, id, delta);
    if (!sameOrder(next, order)) apply(next, id, which);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>, id: number): void => {
    if (!canWrite || dragging || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    move(id, e.key === 'ArrowUp' ? -1 : 1, e.target === refs.current.get(`${id}:handle`) ? 'handle' : 'item');
  };
  const onDragEnd = ({ active, over }: DragEndEvent): void => {
    setDragging(false);
    if (!over || over.id === active.id) return;
    const next = moveOnto(order, Number(active.id), Number(over.id));
    if (!sameOrder(next, order)) apply(next, Number(active.id), 'handle');
  };

  const save = async (): Promise<void> => {
    setSaving(true);
    try {
      await processesStore.getState().savePriority(type, order);
      void message.success(t('processes.priorityPanel.saved', { type: taskTypeLabel[type].toLowerCase() }));
      setAnnounce(t('processes.priorityPanel.savedShort'));
    } catch (err) {
      notification.error({ message: t('processes.priorityPanel.notSaved'), description: errorMessage(err), duration: 8 });
    } finally {
      setSaving(false);
    }
  };

  const countOf = (kind: TaskTypeName): number => all.filter((p) => p.task_type === kind).length;
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          aria-label={t('processes.taskType')}
          optionType="button"
          buttonStyle="solid"
          value={type}
          onChange={(e) => onType(e.target.value as TaskTypeName)}
          options={taskTypeNames.map((kind) => ({ value: kind, label: `${taskTypeLabel[kind]} (${countOf(kind)})${drafts[kind] ? ' *' : ''}` }))}
        />
        <Typography.Text type="secondary">{t('processes.priorityPanel.rule')}</Typography.Text>
      </Flex>
      <section aria-label={t('processes.priority')} style={{ maxWidth: 860 }}>
        {dirty ? (
          <Alert
            type="warning"
            showIcon
            message={t('processes.priorityPanel.unsaved')}
            description={t('processes.priorityPanel.unsavedText')}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {order.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('processes.priorityPanel.none', { type: taskTypeLabel[type].toLowerCase() })} />
        ) : (
          <DndContext
            sensors={sensors}
            collisionDetection={closestCenter}
            modifiers={[verticalOnly]}
            // In the body, so the panel's region holds one status line: its own.
            accessibility={{ announcements, screenReaderInstructions: instructions(t), container: document.body }}
            onDragStart={() => setDragging(true)}
            onDragEnd={onDragEnd}
            onDragCancel={() => setDragging(false)}
          >
            <SortableContext items={order} strategy={verticalListSortingStrategy} disabled={!canWrite}>
              <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {order.map((id, i) => {
                  const p = byId.get(id);
                  return p ? (
                    <PriorityRow key={id} process={p} index={i} count={order.length} coverage={coverage(p)} canWrite={canWrite} register={register} onMove={move} onKeyDown={onKeyDown} />
                  ) : null;
                })}
              </ol>
            </SortableContext>
          </DndContext>
        )}
        <span id="priority-keys" hidden>
          {t('processes.form.priorityKeys')}
        </span>
        <div role="status" aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)' }}>
          {announce}
        </div>
        {canWrite ? (
          <Flex gap={8} style={{ marginTop: 12 }}>
            <Button type="primary" disabled={!dirty} loading={saving} onClick={() => void save()}>
              {t('processes.priorityPanel.save')}
            </Button>
            <Button disabled={!dirty || saving} onClick={() => processesStore.getState().setDraft(type, null)}>
              {t('processes.priorityPanel.discard')}
            </Button>
            <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
              {t('processes.priorityPanel.dragHint')}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('processes.priorityPanel.needsWrite')}
          </Typography.Paragraph>
        )}
      </section>
    </>
  );
}

interface PriorityRowProps {
  readonly process: Process;
  readonly index: number;
  readonly count: number;
  readonly coverage: string;
  readonly canWrite: boolean;
  readonly register: Register;
  readonly onMove: (id: number, delta: number, which: FocusTarget['which']) => void;
  readonly onKeyDown: (e: KeyboardEvent<HTMLLIElement>, id: number) => void;
}

/** One process in the order: a sortable row whose handle starts a drag (pointer or keyboard). */
function PriorityRow({ process: p, index, count, coverage, canWrite, register, onMove, onKeyDown }: PriorityRowProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: p.id, disabled: !canWrite });
  const id = p.id;
  const itemRef = useCallback(
    (el: HTMLLIElement | null) => {
      setNodeRef(el);
      register(`${id}:item`, el);
    },
    [setNodeRef, register, id],
  );
  const handleRef = useCallback(
    (el: HTMLButtonElement | null) => {
      setActivatorNodeRef(el);
      register(`${id}:handle`, el);
    },
    [setActivatorNodeRef, register, id],
  );
  const upRef = useCallback((el: HTMLElement | null) => register(`${id}:up`, el), [register, id]);
  const downRef = useCallback((el: HTMLElement | null) => register(`${id}:down`, el), [register, id]);

  return (
    <li
      ref={itemRef}
      tabIndex={canWrite ? 0 : undefined}
      aria-describedby={canWrite ? 'priority-keys' : undefined}
      onKeyDown={(e) => onKeyDown(e, id)}
      style={{
        position: 'relative',
        zIndex: isDragging ? 1 : undefined,
        transform: CSS.Translate.toString(transform),
        transition,
        display: 'flex',
        alignItems: 'center',
        gap: 10,
        padding: '8px 10px',
        marginBottom: 6,
        border: `1px solid ${isDragging ? token.colorPrimaryBorder : token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
        background: isDragging ? token.colorPrimaryBg : p.enabled ? token.colorBgContainer : token.colorFillQuaternary,
        boxShadow: isDragging ? token.boxShadowSecondary : undefined,
        outlineOffset: 2,
      }}
    >
      {canWrite ? (
        <button
          type="button"
          ref={handleRef}
          {...attributes}
          {...listeners}
          aria-label={t('processes.dnd.reorder', { name: p.name })}
          style={{
            alignSelf: 'stretch',
            display: 'flex',
            alignItems: 'center',
            margin: '-8px 0 -8px -10px',
            padding: '0 4px 0 10px',
            border: 0,
            borderRadius: token.borderRadius,
            background: 'transparent',
            color: isDragging ? token.colorPrimary : token.colorTextTertiary,
            cursor: isDragging ? 'grabbing' : 'grab',
            touchAction: 'none',
          }}
        >
          <HolderOutlined aria-hidden />
        </button>
      ) : null}
      <span style={{ flex: '0 0 auto', width: 24, height: 24, borderRadius: 12, textAlign: 'center', lineHeight: '24px', fontWeight: 600, background: token.colorFillSecondary }}>
        {index + 1}
      </span>
      <div style={{ flex: 1, minWidth: 0, opacity: p.enabled ? 1 : 0.6 }}>
        <a href={href(`/processes/${id}`)}>{p.name}</a>{' '}
        {p.enabled ? null : (
          <>
            <Tag style={{ marginInlineStart: 4 }}>{t('status.process.disabled')}</Tag>
            <Typography.Text type="secondary">{t('processes.priorityPanel.neverMatched')}</Typography.Text>
          </>
        )}
        <div style={{ fontSize: token.fontSizeSM }}>
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {coverage} · {t('processes.priorityPanel.levels', { count: p.risk_levels.length, list: p.risk_levels.map((l) => l.level).join(', ') })} ·{' '}
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
          <Tooltip title={t('processes.priorityPanel.higher')}>
            <Button size="small" ref={upRef} aria-label={t('processes.priorityPanel.up')} icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(id, -1, 'up')} />
          </Tooltip>
          <Tooltip title={t('processes.priorityPanel.lower')}>
            <Button size="small" ref={downRef} aria-label={t('processes.priorityPanel.down')} icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => onMove(id, 1, 'down')} />
          </Tooltip>
        </Space>
      ) : null}
    </li>
  );
}
