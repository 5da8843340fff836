import { CalendarOutlined, FilterFilled, SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, Space, theme } from 'antd';
import type { ReactElement, ReactNode } from 'react';
import type { TableColumnType } from 'antd';
import type { FilterDropdownProps } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { t } from '../../i18n/i18n';

/** The filter trigger's icon, in the primary colour while its filter is on. */
function FilterIcon({ filtered, icon }: { readonly filtered: boolean; readonly icon: ReactElement<{ style?: object }> }) {
  const { token } = theme.useToken();
  return <span style={{ color: filtered ? token.colorPrimary : undefined, display: 'inline-flex' }}>{icon}</span>;
}

/** The trigger of a column's list filter, named for screen readers and tests ("Filter by status"). */
export function filterIcon(label: string): TableColumnType<unknown>['filterIcon'] {
  return (filtered) => <FilterIcon filtered={filtered} icon={<FilterFilled aria-label={t('filters.by', { what: label })} />} />;
}

function SearchDropdown({ selectedKeys, setSelectedKeys, confirm, clearFilters, label }: FilterDropdownProps & { readonly label: string }) {
  return (
    <div style={{ padding: 8 }} onKeyDown={(e) => e.stopPropagation()}>
      <Input
        autoFocus
        allowClear
        placeholder={t('filters.search', { what: label })}
        aria-label={t('filters.search', { what: label })}
        value={(selectedKeys[0] as string | undefined) ?? ''}
        onChange={(e) => setSelectedKeys(e.target.value ? [e.target.value] : [])}
        onPressEnter={() => confirm()}
        style={{ marginBottom: 8, display: 'block', width: 220 }}
      />
      <DropdownButtons confirm={confirm} clearFilters={clearFilters} apply={t('filters.searchButton')} icon={<SearchOutlined />} />
    </div>
  );
}

/** Apply and Reset, under every filter dropdown. */
function DropdownButtons(p: Pick<FilterDropdownProps, 'confirm' | 'clearFilters'> & { readonly apply: string; readonly icon?: ReactNode }) {
  return (
    <Space>
      <Button type="primary" size="small" icon={p.icon} onClick={() => p.confirm()}>
        {p.apply}
      </Button>
      <Button
        size="small"
        onClick={() => {
          p.clearFilters?.();
          p.confirm();
        }}
      >
        {t('common.action.reset')}
      </Button>
    </Space>
  );
}

/** A column filter that searches the text `of` a row returns (case-insensitive "contains"). */
export function textSearch<T>(label: string, of: (row: T) => string): Pick<TableColumnType<T>, 'filterDropdown' | 'filterIcon' | 'onFilter'> {
  return {
    filterDropdown: (props) => <SearchDropdown {...props} label={label} />,
    filterIcon: (filtered) => <FilterIcon filtered={filtered} icon={<SearchOutlined aria-label={t('filters.search', { what: label })} />} />,
    onFilter: (value, row) => of(row).toLowerCase().includes(String(value).trim().toLowerCase()),
  };
}

/** `from|to` (ISO, either may be empty) as one filter key. */
export function rangeKey(from: string | undefined, to: string | undefined): string {
  return `${from ?? ''}|${to ?? ''}`;
}

/** Whether an ISO time lies in a `from|to` range (to is inclusive of its whole day). */
export function inRange(iso: string, key: string): boolean {
  const [from, to] = key.split('|');
  const t = Date.parse(iso);
  if (from && t < Date.parse(from)) return false;
  if (to && t > dayjs(to).endOf('day').valueOf()) return false;
  return true;
}

function RangeDropdown({ selectedKeys, setSelectedKeys, confirm, clearFilters, label }: FilterDropdownProps & { readonly label: string }) {
  const [from, to] = String(selectedKeys[0] ?? '|').split('|');
  return (
    <div style={{ padding: 8 }} onKeyDown={(e) => e.stopPropagation()}>
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        aria-label={label}
        value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
        onChange={(v) => {
          const f = v?.[0]?.startOf('day').toISOString();
          const to = v?.[1]?.startOf('day').toISOString();
          setSelectedKeys(f || to ? [rangeKey(f, to)] : []);
        }}
        style={{ marginBottom: 8, display: 'flex' }}
      />
      <DropdownButtons confirm={confirm} clearFilters={clearFilters} apply={t('filters.filterButton')} />
    </div>
  );
}

/** A column filter by a day range over the ISO time `of` a row returns. */
export function dateRange<T>(label: string, of: (row: T) => string): Pick<TableColumnType<T>, 'filterDropdown' | 'filterIcon' | 'onFilter'> {
  return {
    filterDropdown: (props) => <RangeDropdown {...props} label={label} />,
    filterIcon: (filtered) => <FilterIcon filtered={filtered} icon={<CalendarOutlined aria-label={t('filters.range', { what: label })} />} />,
    onFilter: (value, row) => inRange(of(row), String(value)),
  };
}
