import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { wasAsked } from '../../lib/coalesce';
import { hostsStore, useHosts } from '../../stores/hosts-store';
import { requestsStore, useRequests } from '../../stores/requests-store';
import { useSession } from '../../stores/session-store';
import { tasksStore, useTasks } from '../../stores/tasks-store';
import { navItems } from '../shell/nav-items';
import { paletteItems, type PaletteItem } from './palette-model';

/** Load, once the palette opens, the lists nobody has opened yet (what is loaded already is searched at once). */
function loadUnasked(): void {
  if (!wasAsked(hostsStore.getState())) void hostsStore.getState().load();
  if (!wasAsked(tasksStore.getState())) void tasksStore.getState().load();
  if (!wasAsked(requestsStore.getState().lists.all)) void requestsStore.getState().loadList('all');
}

/** Everything the palette can jump to, kept current by the stores; `loading` while a list is on its way. */
export function usePaletteItems(open: boolean): { readonly items: readonly PaletteItem[]; readonly loading: boolean } {
  const { t } = useTranslation();
  const permissions = useSession((s) => s.permissions);
  const hosts = useHosts((s) => s.hosts);
  const hostsLoading = useHosts((s) => s.loading);
  const tasks = useTasks((s) => s.byName);
  const tasksLoading = useTasks((s) => s.loading);
  const requests = useRequests((s) => s.byId);
  const requestsLoading = useRequests((s) => s.lists.all.loading);

  useEffect(() => {
    if (open) loadUnasked();
  }, [open]);

  const items = useMemo(() => {
    const pages = navItems.filter((n) => !n.coming && (!n.permission || permissions.has(n.permission))).map((n) => ({ key: n.key, label: t(`shell.nav.${n.key}`) }));
    return paletteItems({ pages, hosts, tasks: Object.values(tasks), requests: Object.values(requests) });
  }, [permissions, hosts, tasks, requests, t]);
  return { items, loading: hostsLoading || tasksLoading || requestsLoading };
}
