import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Input, Select, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditCategory, hiddenByDefault } from '../../../shared/domain/audit-categories';
import { downloadAuditCsv } from '../../api/audit-export';
import { errorMessage } from '../../lib/errors';
import { formatDay } from '../../lib/time-format';
import { auditStore, type AuditFilters, useAudit } from '../../stores/audit-store';
import { prefsStore, timeStyleOf } from '../../stores/prefs-store';

/** Which kinds of entry to show; scheduler fires and sign-ins are hidden until picked. */
export function AuditCategoryFilter() {
  const categories = useAudit((s) => s.categories);
  const { t } = useTranslation();
  const hidden = hiddenByDefault.filter((c) => !categories.includes(c)).map((c) => t(`audit.cat.${c}`));
  return (
    <Tooltip title={hidden.length ? t('audit.hidden', { names: hidden.join(', ') }) : undefined}>
      <Select<AuditCategory[]>
        mode="multiple"
        maxTagCount="responsive"
        placeholder={t('audit.noCategories')}
        aria-label={t('audit.categories')}
        value={[...categories]}
        onChange={(v) => void auditStore.getState().setCategories(v)}
        options={AuditCategory.options.map((c) => ({ value: c, label: t(`audit.cat.${c}`) }))}
        style={{ minWidth: 260, maxWidth: 420 }}
      />
    </Tooltip>
  );
}

/** Text anywhere in an entry; searched on Enter, cleared at once. */
export function AuditTextFilter({ filters }: { readonly filters: AuditFilters }) {
  const { t } = useTranslation();
  const [text, setText] = useState(filters.text ?? '');
  return (
    <Input.Search
      allowClear
      placeholder={t('audit.textPlaceholder')}
      aria-label={t('audit.filterText')}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value && filters.text) void auditStore.getState().setFilters({ ...filters, text: undefined });
      }}
      onSearch={(v) => void auditStore.getState().setFilters({ ...filters, text: v })}
      style={{ width: 210 }}
    />
  );
}

/** The time range entries fall in (either end open). */
export function AuditTimeFilter({ filters }: { readonly filters: AuditFilters }) {
  const { t } = useTranslation();
  const value: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null = filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null;
  return (
    <DatePicker.RangePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      allowEmpty={[true, true]}
      placeholder={[t('audit.from'), t('audit.to')]}
      aria-label={t('audit.between')}
      value={value}
      onChange={(v) => void auditStore.getState().setFilters({ ...filters, from: v?.[0]?.toISOString(), to: v?.[1]?.toISOString() })}
    />
  );
}

/** Save what the filters show, every page of it, as CSV: streamed over IPC in the desktop app, HTTP in the browser. */
export function AuditExportButton() {
  const { notification } = App.useApp();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      await downloadAuditCsv(auditStore.getState().query(), formatDay(Date.now(), timeStyleOf(prefsStore.getState()).timeZone));
    } catch (err) {
      notification.error({ message: t('audit.exportFailed'), description: errorMessage(err), duration: 8 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={t('audit.exportTip')}>
      <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void save()}>
        {t('audit.export')}
      </Button>
    </Tooltip>
  );
}
