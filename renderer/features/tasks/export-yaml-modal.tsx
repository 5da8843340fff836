import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Modal, Skeleton, theme } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { errorMessage } from '../../lib/errors';
import { saveText } from '../../lib/save-text';
import { tasksStore } from '../../stores/tasks-store';
import { useTranslation } from 'react-i18next';

/** A task as YAML, to copy or (in the browser) download; Import YAML reads it back. */
export function ExportYamlModal({ name, onClose }: { readonly name: string; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const [yaml, setYaml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = (): void => {
    setError(null);
    tasksStore.getState().exportYaml(name).then(setYaml, (err: unknown) => setError(errorMessage(err)));
  };
  useEffect(load, [name]);

  const copy = async (): Promise<void> => {
    if (yaml === null) return;
    try {
      await navigator.clipboard.writeText(yaml);
      void message.success(t('taskYaml.copied'));
    } catch {
      void message.error(t('taskYaml.copyFailed'));
    }
  };

  return (
    <Modal
      open
      title={t('taskYaml.exportTitle', { name })}
      width={720}
      onCancel={onClose}
      footer={[
        <Button key="copy" icon={<CopyOutlined aria-hidden />} disabled={yaml === null} onClick={() => void copy()}>
          {t('common.action.copy')}
        </Button>,
        // The desktop app has no download path for generated files yet; copying works everywhere.
        ...(api.transport === 'http'
          ? [
              <Button key="download" icon={<DownloadOutlined aria-hidden />} disabled={yaml === null} onClick={() => yaml !== null && saveText(yaml, `${name}.yaml`, 'application/yaml')}>
                {t('taskYaml.download')}
              </Button>,
            ]
          : []),
        <Button key="close" type="primary" onClick={onClose}>
          {t('common.action.close')}
        </Button>,
      ]}
    >
      {error ? <ErrorAlert message={error} onRetry={load} /> : null}
      {yaml === null && !error ? <Skeleton active /> : null}
      {yaml !== null ? (
        <pre
          aria-label={t('taskYaml.label')}
          style={{
            margin: 0,
            maxHeight: 420,
            overflow: 'auto',
            padding: 12,
            background: token.colorFillTertiary,
            borderRadius: token.borderRadius,
            fontFamily: token.fontFamilyCode,
            fontSize: token.fontSizeSM,
            whiteSpace: 'pre-wrap',
          }}
        >
          {yaml}
        </pre>
      ) : null}
    </Modal>
  );
}
