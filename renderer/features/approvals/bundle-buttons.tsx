import { ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useState } from 'react';
import type { KeyFile } from '../../../shared/domain/bundles';
import { api } from '../../api/client';
import { call } from '../../api/session-call';
import { href } from '../../app/hash-route';
import { FileTextModal } from '../../components/file-text-modal';
import { errorMessage } from '../../lib/errors';
import { BundleImportDialog } from './bundle-import-dialog';
import { useTranslation } from 'react-i18next';

/** Approvals page: import a request bundle for review or a decision bundle for a request here; and the reviews imported so far. */
export function ImportBundleButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button href={href('/reviews')}>{t('reviews.title')}</Button>
      <Button icon={<ImportOutlined />} onClick={() => setOpen(true)}>{t('reviews.importBundle')}</Button>
      {open ? <BundleImportDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/** Request page: the request as a bundle signed by this console, for review on another workstation. */
export function ExportBundleButton({ id, hashVersion }: { readonly id: number; readonly hashVersion: number }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<KeyFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const portable = hashVersion === 2;
  const load = async (): Promise<void> => {
    setError(null);
    try {
      setFile(await call('requests.export-bundle', { id }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <>
      <Tooltip title={error ?? (portable ? t('bundles.exportTip') : t('bundles.notPortable'))}>
        <Button icon={<ExportOutlined />} danger={!!error} disabled={!portable} onClick={() => void load()}>{t('bundles.export')}</Button>
      </Tooltip>
      {file ? <FileTextModal canDownload={api.transport === 'http'} title={t('bundles.asBundle', { id })} file={file} description={t('bundles.sendIt')} onClose={() => setFile(null)} /> : null}
    </>
  );
}
