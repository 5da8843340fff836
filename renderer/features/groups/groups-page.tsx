import { Tabs } from 'antd';
import { useEffect } from 'react';
import { navigate } from '../../app/hash-route';
import { PageHeader } from '../../components/page-header';
import { bindingsStore } from '../../stores/bindings-store';
import { groupsStore } from '../../stores/groups-store';
import { hostsStore } from '../../stores/hosts-store';
import { BindingsTab } from './bindings-tab';
import { GroupsTab } from './groups-tab';
import { useTranslation } from 'react-i18next';

export interface GroupsPageProps {
  readonly tab: 'groups' | 'bindings';
  readonly groupId?: number;
  readonly filterGroupId?: number;
}

/** `#/groups`, `#/groups/:id` and `#/bindings`: executor groups and the weighted bindings of hosts to them. */
export function GroupsPage({ tab, groupId, filterGroupId }: GroupsPageProps) {
  const { t } = useTranslation();
  useEffect(() => {
    void groupsStore.getState().load();
    void bindingsStore.getState().load();
    if (!hostsStore.getState().loaded) void hostsStore.getState().load();
  }, []);

  return (
    <>
      <PageHeader title={t('shell.nav.groups')} subtitle={t('groups.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'bindings' ? '/bindings' : '/groups')}
        items={[
          { key: 'groups', label: t('shell.nav.groups'), children: <GroupsTab openId={groupId} /> },
          { key: 'bindings', label: t('tasks.field.bindings'), children: <BindingsTab groupId={filterGroupId} /> },
        ]}
        destroyOnHidden
      />
    </>
  );
}
