import { Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { statusMeaning, statusWord, type StatusKind } from '../lib/status-words';

export interface StatusTagProps {
  readonly kind: StatusKind;
  readonly code: string | number;
  /** The code as the API names it, when it differs from `code` (instance 3 is "AbnormalEnding"). */
  readonly codeName?: string;
  readonly color: string;
  readonly icon?: ReactNode;
  /** More to say than the meaning (a probe's reason, a fingerprint). */
  readonly detail?: ReactNode;
}

/** Every status tag: the human word, and in its tooltip the meaning, any detail, and the code as the API and CLI show it. */
export function StatusTag({ kind, code, codeName, color, icon, detail }: StatusTagProps) {
  const { t } = useTranslation();
  const meaning = statusMeaning(kind, code);
  return (
    <Tooltip
      title={
        <>
          {meaning ? <div>{meaning}</div> : null}
          {detail ? <div>{detail}</div> : null}
          <div style={{ opacity: 0.75 }}>{t('status.code', { code: codeName ?? String(code) })}</div>
        </>
      }
    >
      <Tag color={color} icon={icon} style={{ marginInlineEnd: 0 }}>
        {statusWord(kind, code)}
      </Tag>
    </Tooltip>
  );
}
