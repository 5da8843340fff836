import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Flex, Row, Select, Skeleton, Statistic, theme, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect, useMemo, type ReactNode } from 'react';
import type { Daily } from '../../../shared/domain/dashboard';
import { href, navigate } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { dashboardStore, useDashboard } from '../../stores/dashboard-store';
import { useCan } from '../../stores/session-store';
import { timeZoneOptions } from '../tasks/time-zones';
import { statusMeaning } from '../../lib/status-words';
import { dailyStatusCode, dailyStatusLabel, dayInstancesHref, hourBars, hourInstancesHref, todayIn, type DailyStatus } from './dashboard-model';
import { FailedHostsCard, FailedTasksCard } from './failed-tables';
import { useStatusColors } from './status-colors';

// The chart (and its library, most of this page's code) is fetched with the day's data, and the numbers do not wait for it.
const loadChart = () => import('./hourly-chart');
const HourlyChart = lazy(async () => ({ default: (await loadChart()).HourlyChart }));
import { useTranslation } from 'react-i18next';

interface StatProps {
  readonly title: string;
  readonly value: number;
  readonly color?: string;
  /** Where the number's instances (or requests) are listed. */
  readonly to?: string;
  readonly hint: string;
}

function Stat({ title, value, color, to, hint }: StatProps) {
  const { token } = theme.useToken();
  const stat = <Statistic title={<Tooltip title={hint}>{title}</Tooltip>} value={value} valueStyle={{ color: value > 0 ? color : token.colorTextTertiary, fontVariantNumeric: 'tabular-nums' }} />;
  return (
    <Card size="small" role="group" aria-label={title} hoverable={Boolean(to)} styles={{ body: { padding: '10px 14px' } }}>
      {to ? (
        <a href={href(to)} style={{ color: 'inherit', display: 'block' }}>
          {stat}
        </a>
      ) : (
        stat
      )}
    </Card>
  );
}

function Totals({ daily }: { readonly daily: Daily }) {
  const { t } = useTranslation();
  const colors = useStatusColors();
  const totals = daily.totals;
  const of = (s: DailyStatus): string => dayInstancesHref(daily, { status: dailyStatusCode[s] });
  const status = (s: DailyStatus): StatProps => ({
    title: dailyStatusLabel[s], value: totals[s], color: colors[s], to: of(s), hint: statusMeaning('instance', dailyStatusCode[s]),
  });
  const stats: StatProps[] = [
    { title: t('dashboard.scheduled'), value: totals.scheduled, hint: t('dashboard.scheduledHint') },
    status('finished'), status('abnormal'), status('timeout'), status('cancelled'), status('unknown'), status('running'),
    { title: t('dashboard.pendingApprovals'), value: daily.pending_approvals, to: '/approvals', hint: t('dashboard.pendingHint') },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {stats.map((s) => (
        <Col key={s.title} xs={12} sm={8} md={6} xl={3}>
          <Stat {...s} />
        </Col>
      ))}
    </Row>
  );
}

function ChartCard({ daily }: { readonly daily: Daily }) {
  const { t } = useTranslation();
  const canRun = useCan('runs:execute');
  const bars = useMemo(() => hourBars(daily), [daily]);
  let body: ReactNode;
  if (daily.totals.total === 0) {
    body = (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        style={{ paddingBlock: 48 }}
        description={
          <>
            <Typography.Text strong>{t('dashboard.noInstances', { day: daily.day })}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{t('dashboard.noInstancesText', { tz: daily.tz })}</Typography.Text>
          </>
        }
      >
        <Flex gap={8} justify="center">
          <Button href={href('/tasks')}>{t('shell.nav.tasks')}</Button>
          {canRun ? <Button href={href('/run')}>{t('instances.list.runCommand')}</Button> : null}
        </Flex>
      </Empty>
    );
  } else {
    body = (
      <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 300 }} />}>
        <HourlyChart bars={bars} tz={daily.tz} onOpen={(bar, status) => navigate(hourInstancesHref(bar, status))} />
      </Suspense>
    );
  }
  return (
    <Card
      size="small"
      role="region"
      aria-label={t('dashboard.perHour')}
      title={t('dashboard.perHour')}
      extra={<Typography.Text type="secondary">{`${t('common.count.instances', { count: daily.totals.total })} · ${daily.tz}`}</Typography.Text>}
      style={{ marginBottom: 12 }}
    >
      {body}
    </Card>
  );
}

/** `#/dashboard`: a day's instances in a zone, by hour and status, with totals, top failures and pending approvals; live. */
export function DashboardPage() {
  const { t } = useTranslation();
  const day = useDashboard((s) => s.day);
  const tz = useDashboard((s) => s.tz);
  const daily = useDashboard((s) => s.daily);
  const loading = useDashboard((s) => s.loading);
  const error = useDashboard((s) => s.error);
  const zones = useMemo(() => timeZoneOptions([tz, Intl.DateTimeFormat().resolvedOptions().timeZone]), [tz]);
  const today = todayIn(tz);
  const shownDay = day ?? daily?.day ?? today;

  useEffect(() => {
    const unwatch = dashboardStore.getState().watch();
    void dashboardStore.getState().load();
    void loadChart().catch(() => undefined); // fetched alongside the data; a failure shows when the chart renders
    return unwatch;
  }, []);

  // Data for another zone or day than the one picked is not shown as if it were.
  const current = daily && daily.tz === tz && (day === null || daily.day === day) ? daily : null;

  return (
    <>
      <PageHeader
        title={t('shell.nav.dashboard')}
        subtitle={t('dashboard.subtitle')}
        extra={
          <>
            <DatePicker
              aria-label={t('dashboard.day')}
              allowClear={false}
              value={dayjs(shownDay)}
              format="YYYY-MM-DD"
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              onChange={(d) => {
                const v = d ? d.format('YYYY-MM-DD') : null;
                dashboardStore.getState().setDay(v === today ? null : v);
              }}
            />
            {day !== null ? <Button onClick={() => dashboardStore.getState().setDay(null)}>{t('dashboard.today')}</Button> : null}
            <Select
              showSearch
              aria-label={t('taskForm.zone.label')}
              value={tz}
              options={zones}
              optionFilterProp="label"
              onChange={(v: string) => dashboardStore.getState().setTz(v)}
              style={{ width: 210 }}
            />
            <Tooltip title={t('dashboard.reloadTip')}>
              <Button aria-label={t('common.action.refresh')} icon={<ReloadOutlined />} loading={loading && Boolean(current)} onClick={() => void dashboardStore.getState().load()} />
            </Tooltip>
          </>
        }
      />
      {error ? <ErrorAlert message={error} onRetry={() => void dashboardStore.getState().load()} /> : null}
      {current ? (
        <>
          <Totals daily={current} />
          <ChartCard daily={current} />
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <FailedTasksCard daily={current} />
            </Col>
            <Col xs={24} lg={12}>
              <FailedHostsCard daily={current} />
            </Col>
          </Row>
        </>
      ) : error ? null : (
        <Skeleton active paragraph={{ rows: 8 }} />
      )}
    </>
  );
}
