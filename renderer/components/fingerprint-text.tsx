import { theme, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface FingerprintTextProps {
  readonly value: string | null | undefined;
  /** Large, for dialogs where the user compares it character by character. */
  readonly large?: boolean;
  readonly copyable?: boolean;
  readonly danger?: boolean;
}

/** A SHA256 key fingerprint in monospace. */
export function FingerprintText({ value, large, copyable, danger }: FingerprintTextProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (!value) return <Typography.Text type="secondary">{t('common.value.none')}</Typography.Text>;
  return (
    <Typography.Text
      copyable={copyable ? { text: value, tooltips: [t('common.copyFingerprint'), t('instances.page.copied')] } : false}
      type={danger ? 'danger' : undefined}
      style={{
        fontFamily: token.fontFamilyCode,
        fontSize: large ? token.fontSizeLG + 1 : token.fontSizeSM,
        wordBreak: 'break-all',
        ...(large ? { display: 'inline-block', padding: '6px 10px', background: token.colorFillTertiary, borderRadius: token.borderRadius } : {}),
      }}
    >
      {value}
    </Typography.Text>
  );
}
