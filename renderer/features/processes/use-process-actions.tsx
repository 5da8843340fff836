import { App } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import type { Process, TaskTypeName } from '../../../shared/domain/processes';
import { errorMessage } from '../../lib/errors';
import { processesStore } from '../../stores/processes-store';
import { ProcessFormDrawer } from './process-form-drawer';
import { taskTypeLabel } from './process-summary';

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
  const { modal, message, notification } = App.useApp();
  const [drawer, setDrawer] = useState<DrawerState>({ open: false, key: 0 });

  const openCreate = useCallback((type?: TaskTypeName) => setDrawer((d) => ({ open: true, key: d.key + 1, type })), []);
  const openEdit = useCallback((process: Process) => setDrawer((d) => ({ open: true, key: d.key + 1, process })), []);
  const openCopy = useCallback((copyOf: Process) => setDrawer((d) => ({ open: true, key: d.key + 1, copyOf })), []);

  const confirmToggle = useCallback(
    (p: Process) => {
      const enabling = !p.enabled;
      modal.confirm({
        title: `${enabling ? 'Enable' : 'Disable'} process ${p.name}?`,
        content: enabling
          ? `It is matched again, in its place in the ${taskTypeLabel[p.task_type].toLowerCase()} priority order.`
          : `It is never matched while disabled: ${taskTypeLabel[p.task_type].toLowerCase()} tasks on its hosts go to the next process in priority, or to the unmatched-task policy. Requests already open keep their approval chain.`,
        okText: enabling ? 'Enable' : 'Disable',
        okButtonProps: enabling ? {} : { danger: true },
        cancelText: 'Cancel',
        onOk: async () => {
          try {
            await processesStore.getState().setEnabled(p.id, enabling);
            void message.success(`${p.name} ${enabling ? 'enabled' : 'disabled'}`);
          } catch (err) {
            notification.error({ message: `${p.name} was not ${enabling ? 'enabled' : 'disabled'}`, description: errorMessage(err), duration: 8 });
          }
        },
      });
    },
    [modal, message, notification],
  );

  const confirmDelete = useCallback(
    (ps: readonly Process[], onDeleted?: () => void) => {
      if (ps.length === 0) return;
      const one = ps.length === 1;
      modal.confirm({
        title: one ? `Delete process ${ps[0]!.name}?` : `Delete ${ps.length} processes?`,
        content: (
          <>
            <ul style={{ paddingInlineStart: 18, margin: '4px 0 8px', maxHeight: 200, overflow: 'auto' }}>
              {ps.map((p) => (
                <li key={p.id}>
                  {p.name} <span style={{ opacity: 0.65 }}>({taskTypeLabel[p.task_type]})</span>
                </li>
              ))}
            </ul>
            Requests already open keep their approval chain. This cannot be undone.
          </>
        ),
        okText: 'Delete',
        okButtonProps: { danger: true },
        cancelText: 'Cancel',
        onOk: async () => {
          try {
            await processesStore.getState().deleteMany(ps.map((p) => p.id));
            void message.success(one ? `Deleted ${ps[0]!.name}` : `Deleted ${ps.length} processes`);
            onDeleted?.();
          } catch (err) {
            notification.error({ message: 'Nothing was deleted', description: errorMessage(err), duration: 8 });
          }
        },
      });
    },
    [modal, message, notification],
  );

  const onSaved = (p: Process, created: boolean): void => {
    setDrawer((d) => ({ ...d, open: false }));
    void message.success(created ? `Created ${p.name}; it is last in the ${taskTypeLabel[p.task_type].toLowerCase()} priority order` : `Saved ${p.name}`);
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
