import {
  ApartmentOutlined, AuditOutlined, CheckSquareOutlined, CloudServerOutlined, ClusterOutlined, DashboardOutlined,
  NodeIndexOutlined, PlayCircleOutlined, SafetyCertificateOutlined, ScheduleOutlined, SettingOutlined, TeamOutlined, ThunderboltOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { menuKeyOf } from './menu-key';
import type { Permission } from '../../../shared/domain/roles';

export interface NavItem {
  /** The first route segment; the label is `shell.nav.<key>` in every language. */
  readonly key: string;
  readonly icon: ReactNode;
  /** Set for pages a later release fills: what will be there. */
  readonly coming?: string;
  /** Shown only to users who hold this permission. */
  readonly permission?: Permission;
}

/** The left menu, in order; `key` is the first route segment. */
export const navItems: readonly NavItem[] = [
  { key: 'dashboard', icon: <DashboardOutlined /> },
  { key: 'tasks', icon: <ScheduleOutlined /> },
  { key: 'processes', icon: <ApartmentOutlined /> },
  { key: 'approvals', icon: <CheckSquareOutlined /> },
  { key: 'permissions', icon: <SafetyCertificateOutlined /> },
  { key: 'run', icon: <ThunderboltOutlined /> },
  { key: 'instances', icon: <PlayCircleOutlined /> },
  { key: 'hosts', icon: <CloudServerOutlined /> },
  { key: 'groups', icon: <ClusterOutlined /> },
  { key: 'jobs', icon: <NodeIndexOutlined /> },
  { key: 'audit', icon: <AuditOutlined /> },
  { key: 'users', icon: <TeamOutlined />, permission: 'users:admin' },
  { key: 'settings', icon: <SettingOutlined /> },
];

/** Which menu item a route belongs to (bindings live under Groups). */
export function navKeyOf(segment: string | undefined): string {
  return menuKeyOf(navItems.map((n) => n.key), segment);
}
