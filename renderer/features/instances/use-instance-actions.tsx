import { App } from 'antd';
import { useCallback, useState } from 'react';
import type { Instance } from '../../../shared/domain/instances';
import { navigate } from '../../app/hash-route';
import { errorMessage } from '../../lib/errors';
import { instancesStore } from '../../stores/instances-store';
import { runStore } from '../../stores/run-store';
import { hostTarget } from '../run/run-targets';
import { useConfirmRun } from '../run/use-confirm-run';
import { useTranslation } from 'react-i18next';

/** What the core stores in place of a masked secret. */
const MASK = '****';

export interface InstanceActions {
  readonly confirmCancel: (i: Instance) => void;
  readonly runAgain: (i: Instance) => Promise<void>;
  readonly rerunning: boolean;
}

/** Cancel (confirmed) and "Run again" (same command, host, mode and timeout) for one instance. */
export function useInstanceActions(): InstanceActions {
  const { t } = useTranslation();
  const { modal, notification, message } = App.useApp();
  const [rerunning, setRerunning] = useState(false);
  const confirmRun = useConfirmRun();

  const confirmCancel = useCallback(
    (i: Instance) => {
      modal.confirm({
        title: t('instances.cancel.title'),
        content: t('instances.cancel.text'),
        okText: t('instances.cancel.ok'),
        okButtonProps: { danger: true },
        cancelText: t('instances.cancel.keep'),
        onOk: async () => {
          try {
            await instancesStore.getState().cancel(i.id);
          } catch (err) {
            notification.error({ message: t('instances.cancel.failed', { host: i.host.name }), description: errorMessage(err), duration: 8 });
          }
        },
      });
    },
    [modal, notification, t],
  );

  const runAgain = useCallback(
    async (i: Instance) => {
      if (i.host_id === null) return;
      if (i.command.includes(MASK)) {
        // The stored command has its secrets masked: running it as is would run "****". Let the user supply them.
        runStore.getState().setDraft({ ...runStore.getState().draft, targets: [hostTarget(i.host_id)], command: i.command, timeout: i.timeout, mode: i.mode, secrets: [] });
        void message.info(t('instances.rerun.masked'), 6);
        return navigate('/run');
      }
      setRerunning(true);
      try {
        // Names the host (typed for production) before anything runs again.
        if (!(await confirmRun({ host_ids: [i.host_id] }, { again: true }))) return;
        const r = await instancesStore.getState().create({ targets: { host_ids: [i.host_id] }, command: i.command, mode: i.mode, timeout: i.timeout });
        const next = r.instances[0];
        if (next) navigate(`/instances/${next.id}`);
      } catch (err) {
        notification.error({ message: t('instances.rerun.failed'), description: errorMessage(err), duration: 8 });
      } finally {
        setRerunning(false);
      }
    },
    [message, notification, confirmRun, t],
  );

  return { confirmCancel, runAgain, rerunning };
}
