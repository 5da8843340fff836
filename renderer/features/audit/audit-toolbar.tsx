import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Select, Tooltip } from 'antd';
import { useState } from 'react';
import { AuditCategory, auditCategoryLabels, hiddenByDefault } from '../../../shared/domain/audit-categories';
import { downloadAuditCsv } from '../../api/audit-export';
import { api } from '../../api/client';
import { errorMessage } from '../../lib/errors';
import { auditStore, useAudit } from '../../stores/audit-store';

/** Which kinds of entry to show; scheduler fires and sign-ins are hidden until picked. */
export function AuditCategoryFilter() {
  const categories = useAudit((s) => s.categories);
  const hidden = hiddenByDefault.filter((c) => !categories.includes(c)).map((c) => auditCategoryLabels[c].toLowerCase());
  return (
    <Tooltip title={hidden.length ? `Hidden: ${hidden.join(', ')}. Pick them to show them.` : undefined}>
      <Select<AuditCategory[]>
        mode="multiple"
        maxTagCount="responsive"
        placeholder="No categories"
        aria-label="Categories"
        value={[...categories]}
        onChange={(v) => void auditStore.getState().setCategories(v)}
        options={AuditCategory.options.map((c) => ({ value: c, label: auditCategoryLabels[c] }))}
        style={{ minWidth: 260, maxWidth: 420 }}
      />
    </Tooltip>
  );
}

/** Save what the filters show, every page of it, as CSV (browser mode: the desktop app cannot stream it yet). */
export function AuditExportButton() {
  const { notification } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (api.transport !== 'http') return null;
  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(auditStore.getState().query())) if (v !== undefined) q.set(k, v);
      await downloadAuditCsv(q);
    } catch (err) {
      notification.error({ message: 'The audit log was not exported', description: errorMessage(err), duration: 8 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title="Every entry the filters show, as a CSV file">
      <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void save()}>
        Export CSV
      </Button>
    </Tooltip>
  );
}
