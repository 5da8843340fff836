import { Button, Input, Modal, Space, Upload } from 'antd';
import { useState } from 'react';
import type { BundleReport } from '../../../shared/domain/bundles';
import { ApiError } from '../../api/client';
import { call } from '../../api/session-call';
import { navigate } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { errorMessage } from '../../lib/errors';
import { BundleReportView } from './bundle-report-view';
import { useTranslation } from 'react-i18next';

/**
 * Import a .tdbundle: it is verified first and the report shown (each signature, whose key, the
 * hash); only then may the user apply it. A request bundle opens a review; a decision is applied to its request.
 */
export function BundleImportDialog({ onClose }: { readonly onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [report, setReport] = useState<BundleReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async (content: string): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setReport(await call('bundles.verify', { content }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const apply = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('bundles.import', { content: text });
      onClose();
      navigate(r.review ? `/reviews/${r.review.id}` : `/approvals/${r.request!.id}`);
    } catch (err) {
      const refused = err instanceof ApiError ? (err.details as { report?: BundleReport } | undefined)?.report : undefined;
      if (refused) setReport(refused);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const pick = (content: string): void => {
    setText(content);
    setReport(null);
    void verify(content);
  };

  const label = report?.kind === 'decision' ? t('bundles.applyDecision') : t('bundles.importForReview');
  return (
    <Modal
      open
      title={t('bundles.importTitle')}
      width={760}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.action.cancel')}</Button>,
        <Button key="apply" type="primary" disabled={!report?.ok} loading={busy} onClick={() => void apply()}>{label}</Button>,
      ]}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload accept=".tdbundle,.json" showUploadList={false} beforeUpload={(file) => { void file.text().then(pick); return false; }}>
          <Button>{t('bundles.choose')}</Button>
        </Upload>
        <Input.TextArea aria-label={t('bundles.text')} rows={4} placeholder={t('bundles.paste')} value={text} onChange={(e) => { setText(e.target.value); setReport(null); }} style={{ fontFamily: 'monospace' }} />
        <Button disabled={!text.trim()} loading={busy && !report} onClick={() => void verify(text)}>{t('bundles.verify')}</Button>
        {error ? <ErrorAlert title={t('reviews.refused')} message={error} /> : null}
        {report ? <BundleReportView report={report} /> : null}
      </Space>
    </Modal>
  );
}
