import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Select, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditCategory, hiddenByDefault } from '../../../shared/domain/audit-categories';
import { downloadAuditCsv } from '../../api/audit-export';
import { api } from '../../api/client';
import { errorMessage } from '../../lib/errors';
import { auditStore, useAudit } from '../../stores/audit-store';

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

/** Save what the filters show, every page of it, as CSV (browser mode: the desktop app cannot stream it yet). */
export function AuditExportButton() {
  const { notification } = App.useApp();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  if (api.transport !== 'http') return null;
  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(auditStore.getState().query())) if (v !== undefined) q.set(k, v);
      await downloadAuditCsv(q);
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
