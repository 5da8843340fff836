import { App } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import type { Process, TaskTypeName } from '../../../shared/domain/processes';
import { errorMessage } from '../../lib/errors';
import { processesStore } from '../../stores/processes-store';
import { ProcessFormDrawer } from './process-form-drawer';
import { taskTypeLabel } from './process-summary';
import { useTranslation } from 'react-i18next';

export interface ProcessActions {
  readonly openCreate: (type?: TaskTypeName) => void;
  readonly openEdit: (p: Process) => void;
  readonly openCopy: (p: Process) => void;
  /** Enable or disable, after a confirmation that says what it changes. */
  readonly confirmToggle: (p: Process) => void;
  /** Delete several at once (all or nothing), after a confirmation listing their names. */
  readonly confirmDelete: (ps: readonly Process[], onDeleted?: () => void) => void;
  /** The drawer these actions open; render once. */
  readonly nodes: ReactNode;
}

interface DrawerState {
  readonly open: boolean;
  readonly key: number;
  readonly process?: Process;
  readonly copyOf?: Process;
  readonly type?: TaskTypeName;
}

/** Create, edit, copy, enable/disable and delete processes, shared by the list and the view drawer. */
export function useProcessActions(): ProcessActions {
  const { t } = useTranslation();
  const { modal, message, notification } = App.useApp();
  const [drawer, setDrawer] = useState<DrawerState>({ open: false, key: 0 });

  const openCreate = useCallback((type?: TaskTypeName) => setDrawer((d) => ({ open: true, key: d.key + 1, type })), []);
  const openEdit = useCallback((process: Process) => setDrawer((d) => ({ open: true, key: d.key + 1, process })), []);
  const openCopy = useCallback((copyOf: Process) => setDrawer((d) => ({ open: true, key: d.key + 1, copyOf })), []);

  const confirmToggle = useCallback(
    (p: Process) => {
      const enabling = !p.enabled;
      modal.confirm({
        title: t(enabling ? 'processes.actions.enableTitle' : 'processes.actions.disableTitle', { name: p.name }),
        content: t(enabling ? 'processes.actions.enableText' : 'processes.actions.disableText', { type: taskTypeLabel[p.task_type].toLowerCase() }),
        okText: enabling ? t('users.toggle.enable') : t('users.toggle.disable'),
        okButtonProps: enabling ? {} : { danger: true },
        cancelText: t('common.action.cancel'),
        onOk: async () => {
          try {
            await processesStore.getState().setEnabled(p.id, enabling);
            void message.success(t(enabling ? 'users.toggle.enabled' : 'users.toggle.disabled', { name: p.name }));
          } catch (err) {
            notification.error({ message: t(enabling ? 'users.toggle.notEnabled' : 'users.toggle.notDisabled', { name: p.name }), description: errorMessage(err), duration: 8 });
          }
        },
      });
    },
    [modal, message, notification, t],
  );

  const confirmDelete = useCallback(
    (ps: readonly Process[], onDeleted?: () => void) => {
      if (ps.length === 0) return;
      const one = ps.length === 1;
      modal.confirm({
        title: one ? t('processes.actions.deleteOne', { name: ps[0]!.name }) : t('processes.actions.deleteMany', { n: ps.length }),
        content: (
          <>
            <ul style={{ paddingInlineStart: 18, margin: '4px 0 8px', maxHeight: 200, overflow: 'auto' }}>
              {ps.map((p) => (
                <li key={p.id}>
                  {p.name} <span style={{ opacity: 0.65 }}>({taskTypeLabel[p.task_type]})</span>
                </li>
              ))}
            </ul>
            {t('processes.actions.deleteText')}
          </>
        ),
        okText: t('common.action.delete'),
        okButtonProps: { danger: true },
        cancelText: t('common.action.cancel'),
        onOk: async () => {
          try {
            await processesStore.getState().deleteMany(ps.map((p) => p.id));
            void message.success(one ? t('tasks.actions.deleted', { name: ps[0]!.name }) : t('processes.actions.deletedMany', { n: ps.length }));
            onDeleted?.();
          } catch (err) {
            notification.error({ message: t('processes.actions.nothingDeleted'), description: errorMessage(err), duration: 8 });
          }
        },
      });
    },
    [modal, message, notification, t],
  );

  const onSaved = (p: Process, created: boolean): void => {
    setDrawer((d) => ({ ...d, open: false }));
    void message.success(created ? t('processes.actions.created', { name: p.name, type: taskTypeLabel[p.task_type].toLowerCase() }) : t('taskForm.saved', { name: p.name }));
  };

  const nodes = (
    <ProcessFormDrawer
      key={drawer.key}
      open={drawer.open}
      process={drawer.process}
      copyOf={drawer.copyOf}
      defaultType={drawer.type}
      onClose={() => setDrawer((d) => ({ ...d, open: false }))}
      onSaved={onSaved}
    />
  );

  return { openCreate, openEdit, openCopy, confirmToggle, confirmDelete, nodes };
}
