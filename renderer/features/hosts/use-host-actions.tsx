import { App, Button } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import type { Host } from '../../../shared/domain/hosts';
import { errorMessage } from '../../lib/errors';
import { bindingsStore } from '../../stores/bindings-store';
import { hostsStore } from '../../stores/hosts-store';
import { HostFormDrawer } from './host-form-drawer';
import { useHostTest } from './use-host-test';
import { useTranslation } from 'react-i18next';

export interface HostActions {
  readonly openCreate: () => void;
  readonly openEdit: (host: Host) => void;
  readonly confirmDelete: (host: Host) => void;
  readonly test: (host: Host) => void;
  /** The drawer and dialogs these actions open; render once. */
  readonly nodes: ReactNode;
}

/** Add, edit, delete and test hosts, shared by the list and the detail page. */
export function useHostActions(opts: { readonly onDeleted?: (host: Host) => void } = {}): HostActions {
  const { t } = useTranslation();
  const { modal, message, notification } = App.useApp();
  const tester = useHostTest();
  const [drawer, setDrawer] = useState<{ open: boolean; host: Host | undefined; key: number }>({ open: false, host: undefined, key: 0 });
  const { onDeleted } = opts;

  const openCreate = useCallback(() => setDrawer((d) => ({ open: true, host: undefined, key: d.key + 1 })), []);
  const openEdit = useCallback((host: Host) => setDrawer((d) => ({ open: true, host, key: d.key + 1 })), []);

  const confirmDelete = useCallback(
    (host: Host) => {
      const bound = bindingsStore.getState().bindings.filter((b) => b.executor_id === host.id).length;
      modal.confirm({
        title: t('hosts.delete.title', { name: host.name }),
        content: bound ? t('hosts.delete.textBound', { name: host.name, host: host.host, count: bound }) : t('hosts.delete.text', { name: host.name, host: host.host }),
        okText: t('common.action.delete'),
        okButtonProps: { danger: true },
        cancelText: t('common.action.cancel'),
        onOk: async () => {
          try {
            await hostsStore.getState().delete(host.id);
            void message.success(t('tasks.actions.deleted', { name: host.name }));
            onDeleted?.(host);
          } catch (err) {
            notification.error({ message: t('tasks.actions.deleteFailed', { name: host.name }), description: errorMessage(err), duration: 8 });
          }
        },
      });
    },
    [modal, message, notification, onDeleted, t],
  );

  const onSaved = (host: Host, created: boolean): void => {
    setDrawer((d) => ({ ...d, open: false }));
    if (!created) {
      void message.success(t('taskForm.saved', { name: host.name }));
      return;
    }
    const key = `host-added-${host.id}`;
    notification.success({
      key,
      message: t('hosts.added', { name: host.name }),
      description: t('hosts.addedText'),
      duration: 12,
      actions: (
        <Button
          type="primary"
          size="small"
          onClick={() => {
            notification.destroy(key);
            tester.run(host);
          }}
        >
          {t('hosts.action.testConnection')}
        </Button>
      ),
    });
  };

  const nodes = (
    <>
      <HostFormDrawer key={drawer.key} open={drawer.open} host={drawer.host} onClose={() => setDrawer((d) => ({ ...d, open: false }))} onSaved={onSaved} />
      {tester.dialog}
    </>
  );

  return { openCreate, openEdit, confirmDelete, test: tester.run, nodes };
}
