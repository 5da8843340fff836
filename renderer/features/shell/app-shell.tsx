import { Layout, Menu, theme } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { defaultAuditCategories } from '../../../shared/domain/audit-categories';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ensureDefaultRoute, navigate, useHashRoute } from '../../app/hash-route';
import { startLiveSync } from '../../app/live-sync';
import { auditStore } from '../../stores/audit-store';
import { bindingsStore } from '../../stores/bindings-store';
import { dashboardStore } from '../../stores/dashboard-store';
import { grantsStore } from '../../stores/grants-store';
import { groupsStore } from '../../stores/groups-store';
import { prefsStore } from '../../stores/prefs-store';
import { hostsStore } from '../../stores/hosts-store';
import { instancesStore } from '../../stores/instances-store';
import { jobsStore } from '../../stores/jobs-store';
import { notificationsStore } from '../../stores/notifications-store';
import { processesStore } from '../../stores/processes-store';
import { requestsStore } from '../../stores/requests-store';
import { runStore } from '../../stores/run-store';
import { runsStore } from '../../stores/runs-store';
import { useSession } from '../../stores/session-store';
import { usersStore } from '../../stores/users-store';
import { ApprovalsNavLabel } from '../approvals/approvals-nav-label';
import { tasksStore } from '../../stores/tasks-store';
import { HeaderBar } from './header-bar';
import { navItems, navKeyOf } from './nav-items';
import { PageLoadBoundary, PageLoading } from './page-loading';
import { RouteView } from './route-view';
import { StaleBanner } from './stale-banner';
import { useWindowTitle } from './use-window-title';

/** The pages a user may open; Approvals carries how many requests wait for them (its accessible name stays "Approvals"). */
function menuItemsFor(permissions: ReadonlySet<string>, t: TFunction) {
  return navItems
    .filter((n) => !n.permission || permissions.has(n.permission))
    .map((n) => ({ key: n.key, icon: n.icon, label: n.key === 'approvals' ? <ApprovalsNavLabel label={t('shell.nav.approvals')} /> : t(`shell.nav.${n.key}`) }));
}

/** Signed-in frame: header, left menu, the routed page; owns the live event stream for the session. */
export function AppShell() {
  const { token } = theme.useToken();
  const route = useHashRoute();
  const [collapsed, setCollapsed] = useState(false);
  const permissions = useSession((s) => s.permissions);
  const { t } = useTranslation();
  useWindowTitle();

  useEffect(() => {
    ensureDefaultRoute();
    const stop = startLiveSync();
    // Until the user's own preferences arrive (or if they cannot be read) the screen keeps this machine's language.
    prefsStore.getState().load().catch(() => undefined);
    return () => {
      stop();
      // Another user may sign in next in this tab: drop everything cached for this one.
      hostsStore.getState().reset();
      groupsStore.getState().reset();
      bindingsStore.getState().reset();
      instancesStore.getState().reset();
      runsStore.getState().reset();
      jobsStore.getState().reset();
      runStore.getState().reset();
      processesStore.getState().reset();
      requestsStore.getState().reset();
      usersStore.getState().reset();
      tasksStore.getState().reset();
      dashboardStore.getState().reset();
      grantsStore.getState().reset();
      notificationsStore.getState().reset();
      prefsStore.getState().reset();
      auditStore.setState({ entries: [], verify: null, action: undefined, targetType: undefined, actor: undefined, categories: defaultAuditCategories });
    };
  }, []);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <HeaderBar />
      <StaleBanner />
      <Layout>
        <Layout.Sider
          theme="light"
          width={184}
          collapsedWidth={56}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          style={{ borderRight: `1px solid ${token.colorBorderSecondary}`, position: 'sticky', top: 48, height: 'calc(100vh - 48px)', overflow: 'auto' }}
        >
          <nav aria-label={t('shell.nav.main')}>
            <Menu
              mode="inline"
              selectedKeys={[navKeyOf(route.segments[0])]}
              items={menuItemsFor(permissions, t)}
              onClick={({ key }) => navigate(`/${key}`)}
              style={{ borderInlineEnd: 'none', paddingTop: 4 }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>
          <main
            style={{
              background: token.colorBgContainer,
              borderRadius: token.borderRadiusLG,
              padding: 16,
              minHeight: 'calc(100vh - 48px - 32px)',
            }}
          >
            <PageLoadBoundary key={route.segments[0] ?? ''}>
              <Suspense fallback={<PageLoading />}>
                <RouteView route={route} />
              </Suspense>
            </PageLoadBoundary>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
