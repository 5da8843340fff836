import { theme } from 'antd';
import { memo } from 'react';
import type { LogLine } from '../../../shared/domain/instances';
import { AnsiText } from '../../components/ansi-text';
import { lineClock } from './log-parts';
import { useTranslation } from 'react-i18next';

/** Fixed height of one log row, in px (12px monospace). */
export const ROW_HEIGHT = 18;

export interface LogRowProps {
  readonly n: number;
  readonly line: LogLine | undefined;
  /** Why the line is missing (its window failed to load). */
  readonly error: string | null;
  readonly top: number;
  readonly gutterCh: number;
  /** Show the time each line was read. */
  readonly showTime: boolean;
  /** 'jump': the line "Go to line" went to; 'match': the current search match. */
  readonly mark: 'jump' | 'match' | null;
  readonly needle: string | undefined;
  readonly onRetry: () => void;
}

/** One line of the log viewer: number gutter (red mark for stderr), its time if asked, then the text (stderr in red) with its ANSI colours. */
export const LogRow = memo(function LogRow({ n, line, error, top, gutterCh, showTime, mark, needle, onRetry }: LogRowProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const system = line?.stream === 'system';
  const bg = mark === 'match' ? token.colorWarningBg : mark === 'jump' ? token.colorPrimaryBg : undefined;
  return (
    <div
      data-line={n}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        transform: `translateY(${top}px)`,
        height: ROW_HEIGHT,
        lineHeight: `${ROW_HEIGHT}px`,
        display: 'flex',
        minWidth: '100%',
        width: 'max-content',
        background: bg,
      }}
    >
      <span
        aria-hidden
        style={{
          position: 'sticky',
          left: 0,
          flex: 'none',
          width: `${gutterCh + 1}ch`,
          paddingRight: 8,
          textAlign: 'right',
          color: token.colorTextQuaternary,
          background: bg ?? token.colorBgContainer,
          borderLeft: `3px solid ${line?.stream === 'stderr' ? token.colorError : 'transparent'}`,
          boxSizing: 'content-box',
          userSelect: 'none',
        }}
      >
        {n}
      </span>
      {showTime && line ? (
        <span aria-hidden title={t('instances.log.received', { time: line.ts })} style={{ flex: 'none', width: '13ch', color: token.colorTextTertiary, userSelect: 'none' }}>
          {lineClock(line.ts)}
        </span>
      ) : null}
      {line ? (
        <span
          style={{
            whiteSpace: 'pre',
            paddingRight: 16,
            color: system ? token.colorTextTertiary : line.stream === 'stderr' ? token.colorErrorText : undefined,
            fontStyle: system ? 'italic' : undefined,
          }}
        >
          {system ? (
            <span
              style={{
                fontStyle: 'normal',
                fontSize: 10,
                padding: '0 4px',
                marginRight: 6,
                borderRadius: 3,
                background: token.colorFillSecondary,
                color: token.colorTextSecondary,
              }}
            >
              taskdeck
            </span>
          ) : null}
          <AnsiText text={line.text} highlight={needle} />
        </span>
      ) : error ? (
        <span style={{ color: token.colorErrorText }}>
          {t('instances.log.loadFailed', { error })}{' '}
          <a onClick={onRetry} role="button" tabIndex={0}>
            {t('common.action.retry')}
          </a>
        </span>
      ) : (
        <span style={{ color: token.colorTextQuaternary }}>…</span>
      )}
    </div>
  );
});
