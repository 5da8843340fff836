import { theme, Typography } from 'antd';

export interface FingerprintTextProps {
  readonly value: string | null | undefined;
  /** Large, for dialogs where the user compares it character by character. */
  readonly large?: boolean;
  readonly copyable?: boolean;
  readonly danger?: boolean;
}

/** A SHA256 key fingerprint in monospace. */
export function FingerprintText({ value, large, copyable, danger }: FingerprintTextProps) {
  const { token } = theme.useToken();
  if (!value) return <Typography.Text type="secondary">none</Typography.Text>;
  return (
    <Typography.Text
      copyable={copyable ? { text: value, tooltips: ['Copy fingerprint', 'Copied'] } : false}
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
