import { ClusterOutlined, CloudServerOutlined } from '@ant-design/icons';
import { Flex, Select, Tag, theme, Typography } from 'antd';
import type { SelectProps } from 'antd';
import { useMemo } from 'react';
import type { Group, Host } from '../../../shared/domain/hosts';
import { href } from '../../app/hash-route';
import { HostStatusTag } from '../../components/host-status-tag';
import { useGroups } from '../../stores/groups-store';
import { useHosts } from '../../stores/hosts-store';
import { useGrants } from '../../stores/grants-store';
import { useSession } from '../../stores/session-store';
import { NotGrantedLink } from './not-granted-link';
import { grantedHostIds, mayRunHere } from './run-access';
import { groupTarget, hostTarget } from './run-targets';
import { useTranslation } from 'react-i18next';

interface TargetOption {
  readonly value: string;
  readonly label: React.ReactNode;
  readonly disabled?: boolean;
  /** Lower-case text the search matches. */
  readonly search: string;
  /** Short name for the chosen tag. */
  readonly name: string;
}

function HostLabel({ host, granted }: { readonly host: Host; readonly granted: boolean }) {
  const { token } = theme.useToken();
  const { t } = useTranslation();
  const key = host.host_key.status;
  const hint = key !== 'trusted' ? t(`run.hint.${key}`) : granted ? '' : t('run.hint.notGranted');
  return (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      <Typography.Text strong={!hint} type={hint ? 'secondary' : undefined}>{host.name}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM }}>{host.host}</Typography.Text>
      <HostStatusTag status={host.status} />
      {hint ? <Typography.Text type="warning" style={{ fontSize: token.fontSizeSM }}>{hint}</Typography.Text> : null}
      {granted ? null : <NotGrantedLink />}
    </Flex>
  );
}

function GroupLabel({ group }: { readonly group: Group }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={8}>
      <Typography.Text strong={group.binding_count > 0}>{group.name}</Typography.Text>
      <Typography.Text type="secondary">
        {group.binding_count ? t('run.bindings', { count: group.binding_count }) : t('run.noHostsBound')}
      </Typography.Text>
    </Flex>
  );
}

/** A host to pick: not when its key is untrusted or the user may not run on it (the core would refuse the run). */
export function hostOption(h: Host, granted: boolean): TargetOption {
  return { value: hostTarget(h.id), label: <HostLabel host={h} granted={granted} />, disabled: h.host_key.status !== 'trusted' || !granted, search: `${h.name} ${h.host} ${h.tag}`.toLowerCase(), name: h.name };
}

/** Hosts and groups to run on; hosts whose key is not trusted are shown but cannot be picked. */
export function TargetSelect(props: Omit<SelectProps<string[]>, 'options' | 'mode'>) {
  const { t } = useTranslation();
  const hosts = useHosts((s) => s.hosts);
  const hostsLoading = useHosts((s) => s.loading && !s.loaded);
  const groups = useGroups((s) => s.groups);
  const user = useSession((s) => s.user);
  const grants = useGrants((s) => s.grants);
  // Until the grants are read (or when they cannot be), nothing is marked: the core still refuses, naming the hosts.
  const grantsLoaded = useGrants((s) => s.loaded);
  const options = useMemo(() => {
    const granted = user ? grantedHostIds(grants, user) : new Set<number>();
    const may = (id: number): boolean => !grantsLoaded || mayRunHere(user, granted, id);
    const groupOptions: TargetOption[] = groups.map((g) => ({
      value: groupTarget(g.id), label: <GroupLabel group={g} />, disabled: g.binding_count === 0, search: `${g.name} ${g.tag}`.toLowerCase(), name: g.name,
    }));
    return [
      { label: t('shell.nav.hosts'), title: t('shell.nav.hosts'), options: hosts.map((h) => hostOption(h, may(h.id))) },
      ...(groupOptions.length ? [{ label: t('shell.nav.groups'), title: t('shell.nav.groups'), options: groupOptions }] : []),
    ];
  }, [hosts, groups, user, grants, grantsLoaded, t]);
  const names = useMemo(() => new Map(options.flatMap((g) => g.options.map((o) => [o.value, o.name] as const))), [options]);

  return (
    <Select<string[], TargetOption>
      {...props}
      mode="multiple"
      allowClear
      loading={hostsLoading}
      placeholder={t('run.targetsPlaceholder')}
      options={options as unknown as TargetOption[]}
      filterOption={(input, opt) => Boolean(opt?.search?.includes(input.trim().toLowerCase()))}
      tagRender={({ value, closable, onClose }) => {
        const v = String(value);
        return (
          <Tag
            closable={closable}
            onClose={onClose}
            icon={v.startsWith('g:') ? <ClusterOutlined /> : <CloudServerOutlined />}
            style={{ marginInlineEnd: 4 }}
            onMouseDown={(e) => e.stopPropagation()}
          >
            {names.get(v) ?? v}
          </Tag>
        );
      }}
      notFoundContent={
        hosts.length === 0 && !hostsLoading ? (
          <Typography.Text type="secondary">
            {t('run.noHosts')} <a href={href('/hosts')}>{t('run.addHost')}</a>
          </Typography.Text>
        ) : undefined
      }
    />
  );
}
