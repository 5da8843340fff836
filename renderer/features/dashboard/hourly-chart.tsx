import { theme } from 'antd';
import { useRef, type KeyboardEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, useActiveTooltipDataPoints, XAxis, YAxis } from 'recharts';
import { formatInZone } from '../tasks/task-view';
import { useStatusColors } from './status-colors';
import { dailyStatuses, dailyStatusLabel, type DailyStatus, type HourBar } from './dashboard-model';
import { useTranslation } from 'react-i18next';

/** Keeps the hour the tooltip shows (mouse or arrow keys) where Enter can find it. */
function ActiveHour({ into }: { readonly into: { current: HourBar | null } }) {
  const points = useActiveTooltipDataPoints<HourBar>();
  into.current = points?.[0] ?? null;
  return null;
}

function HourTooltip({ active, payload, tz, colors }: { active?: boolean; payload?: readonly { payload?: HourBar }[]; tz: string; colors: Readonly<Record<DailyStatus, string>> }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const bar = payload?.[0]?.payload;
  if (!active || !bar) return null;
  const shown = dailyStatuses.filter((k) => bar[k] > 0).reverse();
  return (
    <div style={{ background: token.colorBgElevated, color: token.colorText, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius, padding: '8px 10px', boxShadow: token.boxShadowSecondary, fontSize: token.fontSizeSM }}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>
        {formatInZone(bar.start, tz).slice(0, 16)} – {formatInZone(bar.end, tz).slice(11, 16)}
      </div>
      {shown.length ? (
        shown.map((k) => (
          <div key={k} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
            <span aria-hidden style={{ width: 8, height: 8, borderRadius: 2, background: colors[k], display: 'inline-block' }} />
            <span style={{ flex: 1 }}>{dailyStatusLabel[k]}</span>
            <b style={{ fontVariantNumeric: 'tabular-nums' }}>{bar[k]}</b>
          </div>
        ))
      ) : (
        <div style={{ color: token.colorTextSecondary }}>{t('dashboard.noneThisHour')}</div>
      )}
      {bar.total ? <div style={{ color: token.colorTextSecondary, marginTop: 4 }}>{t('dashboard.clickToOpen')}</div> : null}
    </div>
  );
}

export interface HourlyChartProps {
  readonly bars: readonly HourBar[];
  readonly tz: string;
  /** A bar, or one status segment of it, was chosen. */
  readonly onOpen: (bar: HourBar, status: DailyStatus | undefined) => void;
}

/** Instances per hour stacked by status; click a segment (or focus the chart, move with the arrow keys, Enter) to open them. */
export function HourlyChart({ bars, tz, onOpen }: HourlyChartProps) {
  const { token } = theme.useToken();
  const colors = useStatusColors();
  const active = useRef<HourBar | null>(null);
  // A segment's click opens its hour and status; the chart hears the same click after it (by its time stamp) and leaves it alone.
  const handled = useRef<number | null>(null);
  const axis = { fill: token.colorTextSecondary, fontSize: 11 };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Enter' && active.current?.total) onOpen(active.current, undefined);
  };

  return (
    <div style={{ width: '100%', height: 300 }} onKeyDown={onKeyDown}>
      <ResponsiveContainer>
        <BarChart
          data={bars as HourBar[]}
          margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
          onClick={(state, e) => {
            if (handled.current === e.timeStamp) return;
            // Above the bars: the hour the tooltip shows (the pointer hovered there first).
            const i = state.activeTooltipIndex === null || state.activeTooltipIndex === undefined ? NaN : Number(state.activeTooltipIndex);
            const bar = Number.isInteger(i) ? bars[i] : undefined;
            if (bar?.total) onOpen(bar, undefined);
          }}
          style={{ cursor: 'pointer' }}
        >
          <CartesianGrid vertical={false} stroke={token.colorBorderSecondary} />
          <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={{ stroke: token.colorBorder }} interval="preserveStartEnd" minTickGap={8} />
          <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} width={48} />
          <Tooltip cursor={{ fill: token.colorFillSecondary }} content={(p) => <HourTooltip active={p.active} payload={p.payload as unknown as readonly { payload?: HourBar }[] | undefined} tz={tz} colors={colors} />} />
          <Legend itemSorter={null} wrapperStyle={{ fontSize: 12, color: token.colorText }} formatter={(value: string) => <span style={{ color: token.colorText }}>{value}</span>} />
          {dailyStatuses.map((k, i) => (
            <Bar
              key={k}
              dataKey={k}
              name={dailyStatusLabel[k]}
              stackId="status"
              fill={colors[k]}
              isAnimationActive={false}
              radius={i === dailyStatuses.length - 1 ? [2, 2, 0, 0] : 0}
              onClick={(data, _index, e) => {
                handled.current = e.timeStamp;
                const bar = data.payload as HourBar | undefined;
                if (bar && bar[k] > 0) onOpen(bar, k);
              }}
            />
          ))}
          <ActiveHour into={active} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
