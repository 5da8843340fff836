import {
  ApartmentOutlined, AuditOutlined, CheckSquareOutlined, CloudServerOutlined, ClusterOutlined, DashboardOutlined,
  NodeIndexOutlined, PlayCircleOutlined, SafetyCertificateOutlined, ScheduleOutlined, SettingOutlined, TeamOutlined, ThunderboltOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../../shared/domain/roles';

export interface NavItem {
  readonly key: string;
  readonly label: string;
  readonly icon: ReactNode;
  /** Set for pages a later release fills: what will be there. */
  readonly coming?: string;
  /** Shown only to users who hold this permission. */
  readonly permission?: Permission;
}

/** The left menu, in order; `key` is the first route segment. */
export const navItems: readonly NavItem[] = [
  { key: 'dashboard', label: 'Dashboard', icon: <DashboardOutlined /> },
  { key: 'tasks', label: 'Tasks', icon: <ScheduleOutlined /> },
  { key: 'processes', label: 'Processes', icon: <ApartmentOutlined /> },
  { key: 'approvals', label: 'Approvals', icon: <CheckSquareOutlined /> },
  { key: 'permissions', label: 'Permissions', icon: <SafetyCertificateOutlined /> },
  { key: 'run', label: 'Run', icon: <ThunderboltOutlined /> },
  { key: 'instances', label: 'Instances', icon: <PlayCircleOutlined /> },
  { key: 'hosts', label: 'Hosts', icon: <CloudServerOutlined /> },
  { key: 'groups', label: 'Groups', icon: <ClusterOutlined /> },
  { key: 'jobs', label: 'Jobs', icon: <NodeIndexOutlined /> },
  { key: 'audit', label: 'Audit', icon: <AuditOutlined /> },
  { key: 'users', label: 'Users', icon: <TeamOutlined />, permission: 'users:admin' },
  { key: 'settings', label: 'Settings', icon: <SettingOutlined /> },
];

/** Which menu item a route belongs to (bindings live under Groups). */
export function navKeyOf(segment: string | undefined): string {
  if (segment === 'bindings') return 'groups';
  return navItems.some((n) => n.key === segment) ? segment! : 'dashboard';
}
