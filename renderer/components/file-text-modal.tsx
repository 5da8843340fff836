import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Modal, theme, Typography } from 'antd';
import type { ReactNode } from 'react';
import { saveText } from '../lib/save-text';
import { useTranslation } from 'react-i18next';

export interface FileTextModalProps {
  readonly title: string;
  readonly file: { readonly file_name: string; readonly content: string };
  readonly description?: ReactNode;
  /** Whether a download can be offered (browser mode; the desktop app has no download path for generated files yet). */
  readonly canDownload: boolean;
  readonly onClose: () => void;
}

/** A generated file (a bundle, a public key) to download in the browser or copy anywhere. */
export function FileTextModal({ title, file, description, canDownload, onClose }: FileTextModalProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(file.content);
      void message.success(t('common.copied', { name: file.file_name }));
    } catch {
      void message.error(t('taskYaml.copyFailed'));
    }
  };
  return (
    <Modal
      open
      title={title}
      width={720}
      onCancel={onClose}
      footer={[
        <Button key="copy" icon={<CopyOutlined aria-hidden />} onClick={() => void copy()}>
          {t('common.action.copy')}
        </Button>,
        ...(canDownload
          ? [
              <Button key="download" icon={<DownloadOutlined aria-hidden />} onClick={() => saveText(file.content, file.file_name, 'application/json')}>
                {t('common.download', { name: file.file_name })}
              </Button>,
            ]
          : []),
        <Button key="close" type="primary" onClick={onClose}>
          {t('common.action.close')}
        </Button>,
      ]}
    >
      {description ? <Typography.Paragraph>{description}</Typography.Paragraph> : null}
      <pre
        aria-label={file.file_name}
        style={{ margin: 0, maxHeight: 360, overflow: 'auto', padding: 12, background: token.colorFillTertiary, borderRadius: token.borderRadius, fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
      >
        {file.content}
      </pre>
    </Modal>
  );
}
