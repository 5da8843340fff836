import { theme } from 'antd';
import { memo } from 'react';
import { ansiSpans, isDarkColor } from '../lib/ansi-spans';
import { useTranslation } from 'react-i18next';

/** Longest part of one line put in the DOM; the rest is named, not drawn. */
const MAX_SHOWN = 4000;

/** A log line's text with its ANSI colours, as React spans (never as HTML). */
export const AnsiText = memo(function AnsiText({ text, highlight }: { readonly text: string; readonly highlight?: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  // Presentational: the palette follows the background antd's theme gives it, not a store.
  const dark = isDarkColor(token.colorBgContainer);
  const shown = text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) : text;
  return (
    <>
      {ansiSpans(shown, { dark, highlight }).map((s, i) =>
        s.mark ? (
          <mark key={i} style={{ ...s.style, background: token.colorWarningBgHover, color: 'inherit', padding: 0 }}>
            {s.text}
          </mark>
        ) : s.style ? (
          <span key={i} style={s.style}>
            {s.text}
          </span>
        ) : (
          s.text
        ),
      )}
      {shown !== text ? <span style={{ opacity: 0.6 }}>{` ${t('common.moreChars', { n: text.length - MAX_SHOWN })}`}</span> : null}
    </>
  );
});
