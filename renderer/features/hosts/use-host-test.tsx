import { App } from 'antd';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { Host } from '../../../shared/domain/hosts';
import { errorMessage } from '../../lib/errors';
import { hostsStore, useHost } from '../../stores/hosts-store';
import { useCan } from '../../stores/session-store';
import { HostTestDialog, type TestPhase } from './host-test-dialog';
import { useTranslation } from 'react-i18next';

interface Session {
  readonly host: Host;
  readonly phase: TestPhase;
  readonly busy: boolean;
  readonly error: string | null;
}

/**
 * "Test" for a host: the row button spins while the core connects, then a dialog shows the outcome.
 * A pending key can be accepted (or a changed one re-pinned) right there; the test then runs again.
 */
export function useHostTest(): { readonly run: (host: Host) => void; readonly dialog: ReactNode } {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canTrust = useCan('hosts:trust');
  const [session, setSession] = useState<Session | null>(null);
  const live = useHost(session?.host.id ?? -1);
  // Bumped when the dialog closes, so an answer that arrives later does not reopen it.
  const epoch = useRef(0);

  const test = useCallback(
    async (host: Host, note?: string): Promise<void> => {
      const mine = epoch.current;
      try {
        const result = await hostsStore.getState().test(host.id);
        if (mine !== epoch.current) return;
        setSession({ host, phase: { kind: 'result', result, ...(note ? { note } : {}) }, busy: false, error: null });
      } catch (err) {
        if (mine !== epoch.current) return;
        setSession(null);
        void message.error(t('hosts.test.error', { name: host.name, error: errorMessage(err) }));
      }
    },
    [message, t],
  );

  const run = useCallback((host: Host) => void test(host), [test]);

  const accept = async (fingerprint: string, repin: boolean): Promise<void> => {
    if (!session) return;
    const { host } = session;
    setSession({ ...session, busy: true, error: null });
    try {
      await hostsStore.getState().acceptKey(host.id, fingerprint, repin);
    } catch (err) {
      setSession({ ...session, busy: false, error: errorMessage(err) });
      return;
    }
    setSession({ host, phase: { kind: 'working', text: t('hosts.test.pinnedRetesting') }, busy: false, error: null });
    await test(host, repin ? t('hosts.test.newPinned') : t('hosts.test.pinned'));
  };

  const dialog = session ? (
    <HostTestDialog
      host={live ?? session.host}
      phase={session.phase}
      canTrust={canTrust}
      busy={session.busy}
      error={session.error}
      onClose={() => {
        epoch.current++;
        setSession(null);
      }}
      onRetest={() => {
        setSession({ ...session, phase: { kind: 'working', text: t('hosts.test.connecting', { host: session.host.host }) } });
        void test(session.host);
      }}
      onAccept={(fp, repin) => void accept(fp, repin)}
    />
  ) : null;

  return { run, dialog };
}
