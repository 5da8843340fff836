import type { AnyAppEvent } from '../../shared/api/events';
import { api } from '../api/client';
import { call } from '../api/session-call';
import { wasAsked } from '../lib/coalesce';
import { auditStore } from '../stores/audit-store';
import { bindingsStore } from '../stores/bindings-store';
import { dashboardStore } from '../stores/dashboard-store';
import { grantsStore } from '../stores/grants-store';
import { groupsStore } from '../stores/groups-store';
import { hostsStore } from '../stores/hosts-store';
import { instancesStore } from '../stores/instances-store';
import { jobsStore } from '../stores/jobs-store';
import { liveStore } from '../stores/live-store';
import { logFeed } from '../stores/log-feed';
import { notificationsStore } from '../stores/notifications-store';
import { notificationArrived } from '../features/notifications/notification-arrival';
import { processesStore } from '../stores/processes-store';
import { requestsStore } from '../stores/requests-store';
import { runStore } from '../stores/run-store';
import { runsStore } from '../stores/runs-store';
import { sessionStore } from '../stores/session-store';
import { usersStore } from '../stores/users-store';
import { tasksStore } from '../stores/tasks-store';

function route(e: AnyAppEvent): void {
  switch (e.type) {
    case 'host.changed':
      hostsStore.getState().upsert(e.data.host);
      bindingsStore.getState().hostChanged(e.data.host);
      return;
    case 'host.deleted':
      hostsStore.getState().remove(e.data.id);
      bindingsStore.getState().hostDeleted(e.data.id);
      void groupsStore.getState().refresh(); // binding counts changed
      return;
    case 'groups.changed':
      void groupsStore.getState().refresh();
      void bindingsStore.getState().refresh(); // group names appear on bindings
      return;
    case 'bindings.changed':
      void bindingsStore.getState().refresh();
      void groupsStore.getState().refresh();
      return;
    case 'users.changed':
      void sessionStore.getState().refreshMe();
      void usersStore.getState().refresh();
      requestsStore.getState().resync(); // roles decide who may approve what
      return;
    case 'processes.changed':
      void processesStore.getState().refresh();
      return;
    case 'instance.changed':
      instancesStore.getState().upsert(e.data.instance);
      runsStore.getState().instanceChanged(e.data.instance);
      tasksStore.getState().instanceChanged(e.data.instance);
      dashboardStore.getState().instanceChanged(e.data.instance);
      return;
    case 'task.changed':
      tasksStore.getState().upsert(e.data.task);
      return;
    case 'task.deleted':
      tasksStore.getState().remove(e.data.name);
      return;
    case 'request.changed':
      requestsStore.getState().changed(e.data.id);
      tasksStore.getState().requestChanged(e.data.task_name);
      dashboardStore.getState().requestChanged();
      return;
    case 'grants.changed':
      void grantsStore.getState().refresh();
      return;
    case 'job.changed':
      jobsStore.getState().changed(e.data);
      return;
    case 'instance.log':
      runStore.getState().logArrived(e.data);
      logFeed.emit(e.data);
      return;
    case 'notification.created':
      notificationArrived(e.data);
      return;
  }
}

/** Events may have been missed while the stream was down: reload what is cached or was asked for (a list that failed while the link was down too). */
export function reloadShown(): void {
  if (wasAsked(hostsStore.getState())) void hostsStore.getState().load();
  void groupsStore.getState().refresh();
  void bindingsStore.getState().refresh();
  instancesStore.getState().resync();
  runsStore.getState().resync();
  jobsStore.getState().resync();
  runStore.getState().resync();
  void processesStore.getState().refresh();
  requestsStore.getState().resync();
  void usersStore.getState().refresh();
  tasksStore.getState().resync();
  dashboardStore.getState().resync();
  void grantsStore.getState().refresh();
  notificationsStore.getState().resync();
  const audit = auditStore.getState();
  if (audit.error !== null || audit.entries.length > 0) void audit.load();
}

export interface LinkDeps {
  /** Reload everything on screen: the link came back, or events were missed. */
  readonly reload: () => void;
  /** One call that tells an expired session (signed out through the 401 path) from a network blip. */
  readonly probe: () => void;
  readonly now: () => number;
}

/**
 * What the console does as the link to the core goes up and down: a first connect only marks it
 * live; a drop marks what is shown as stale (once per outage) and probes the session; any connect
 * after that (or after a first attempt that failed, when pages may have failed to load) reloads what is shown.
 */
export function linkHandler(deps: LinkDeps): (connected: boolean) => void {
  let everConnected = false;
  return (connected) => {
    const live = liveStore.getState();
    if (connected) {
      const resumed = everConnected || live.state === 'reconnecting';
      everConnected = true;
      if (resumed) deps.reload();
      live.connected(resumed);
    } else if (live.dropped(deps.now())) {
      deps.probe();
    }
  };
}

/**
 * Subscribe to the core's live events and keep the stores in step with them. When the stream drops,
 * one probe call tells an expired session (which signs out through the 401 path) from a network blip.
 * Returns a disposer.
 */
export function startLiveSync(): () => void {
  liveStore.getState().setState('connecting');
  let disposed = false;
  const onLink = linkHandler({ reload: reloadShown, probe: () => void call('auth.me').catch(() => undefined), now: Date.now });
  const unsubscribe = api.subscribe(route, (connected) => {
    if (!disposed) onLink(connected);
  });
  return () => {
    disposed = true;
    unsubscribe();
    liveStore.getState().setState('off');
  };
}
