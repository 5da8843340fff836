import { Tabs } from 'antd';
import { useEffect } from 'react';
import { navigate } from '../../app/hash-route';
import { PageHeader } from '../../components/page-header';
import { bindingsStore } from '../../stores/bindings-store';
import { groupsStore } from '../../stores/groups-store';
import { hostsStore } from '../../stores/hosts-store';
import { BindingsTab } from './bindings-tab';
import { GroupsTab } from './groups-tab';

export interface GroupsPageProps {
  readonly tab: 'groups' | 'bindings';
  readonly groupId?: number;
  readonly filterGroupId?: number;
}

/** `#/groups`, `#/groups/:id` and `#/bindings`: executor groups and the weighted bindings of hosts to them. */
export function GroupsPage({ tab, groupId, filterGroupId }: GroupsPageProps) {
  useEffect(() => {
    void groupsStore.getState().load();
    void bindingsStore.getState().load();
    if (!hostsStore.getState().loaded) void hostsStore.getState().load();
  }, []);

  return (
    <>
      <PageHeader title="Groups" subtitle="A group is a service or business. Bindings put hosts in groups with a weight; tasks target bindings." />
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'bindings' ? '/bindings' : '/groups')}
        items={[
          { key: 'groups', label: 'Groups', children: <GroupsTab openId={groupId} /> },
          { key: 'bindings', label: 'Bindings', children: <BindingsTab groupId={filterGroupId} /> },
        ]}
        destroyOnHidden
      />
    </>
  );
}
