import { App } from 'antd';
import { useCallback, useState } from 'react';
import type { Instance } from '../../../shared/domain/instances';
import { navigate } from '../../app/hash-route';
import { errorMessage } from '../../lib/errors';
import { instancesStore } from '../../stores/instances-store';
import { runStore } from '../../stores/run-store';
import { hostTarget } from '../run/run-targets';
import { useConfirmRun } from '../run/use-confirm-run';

/** What the core stores in place of a masked secret. */
const MASK = '****';

export interface InstanceActions {
  readonly confirmCancel: (i: Instance) => void;
  readonly runAgain: (i: Instance) => Promise<void>;
  readonly rerunning: boolean;
}

/** Cancel (confirmed) and "Run again" (same command, host, mode and timeout) for one instance. */
export function useInstanceActions(): InstanceActions {
  const { modal, notification, message } = App.useApp();
  const [rerunning, setRerunning] = useState(false);
  const confirmRun = useConfirmRun();

  const confirmCancel = useCallback(
    (i: Instance) => {
      modal.confirm({
        title: 'Cancel this run?',
        content: 'Taskdeck sends TERM to the whole remote process group, then KILL after the grace period, and checks that nothing is left.',
        okText: 'Cancel run',
        okButtonProps: { danger: true },
        cancelText: 'Keep running',
        onOk: async () => {
          try {
            await instancesStore.getState().cancel(i.id);
          } catch (err) {
            notification.error({ message: `Could not cancel the run on ${i.host.name}`, description: errorMessage(err), duration: 8 });
          }
        },
      });
    },
    [modal, notification],
  );

  const runAgain = useCallback(
    async (i: Instance) => {
      if (i.host_id === null) return;
      if (i.command.includes(MASK)) {
        // The stored command has its secrets masked: running it as is would run "****". Let the user supply them.
        runStore.getState().setDraft({ ...runStore.getState().draft, targets: [hostTarget(i.host_id)], command: i.command, timeout: i.timeout, mode: i.mode, secrets: [] });
        void message.info('This command had secrets masked as ****: put them back in the command, then run it.', 6);
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
        notification.error({ message: 'The run did not start', description: errorMessage(err), duration: 8 });
      } finally {
        setRerunning(false);
      }
    },
    [message, notification, confirmRun],
  );

  return { confirmCancel, runAgain, rerunning };
}
