import { DownloadOutlined, DownOutlined, UpOutlined, VerticalAlignBottomOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Space, Switch, Tooltip, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useState, type RefObject } from 'react';
import type { LogSearchState } from './use-log-search';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

export interface LogToolbarProps {
  readonly follow: boolean;
  readonly onFollow: (on: boolean) => void;
  /** Per-line times shown. */
  readonly times: boolean;
  readonly onTimes: (on: boolean) => void;
  readonly onJumpToEnd: () => void;
  readonly total: number;
  readonly onGoTo: (n: number) => void;
  readonly search: LogSearchState;
  readonly searchRef: RefObject<InputRef>;
  readonly onSearch: (q: string) => void;
  readonly onStep: (dir: 1 | -1) => void;
  readonly onDownload: () => void;
  readonly downloading: boolean;
}

function matchText(s: LogSearchState, t: TFunction): string {
  if (s.loading) return t('instances.log.searching');
  if (s.error) return s.error;
  if (!s.query) return '';
  if (!s.matches.length) return t('instances.log.noMatches');
  return t('instances.log.match', { n: (s.index + 1).toLocaleString(), of: `${s.matches.length.toLocaleString()}${s.more ? '+' : ''}` });
}

/** Follow, times, jump to end, go to line, search with next/previous, download. */
export function LogToolbar(p: LogToolbarProps) {
  const { t } = useTranslation();
  const [line, setLine] = useState('');
  const [q, setQ] = useState('');
  const s = p.search;
  const dirty = q.trim() !== s.query;

  return (
    <Flex align="center" gap={12} wrap style={{ padding: '6px 8px' }}>
      <Flex align="center" gap={6}>
        <Switch size="small" checked={p.follow} onChange={p.onFollow} aria-label={t('instances.log.follow')} id="log-follow" />
        <label htmlFor="log-follow" style={{ cursor: 'pointer' }}>{t('instances.log.follow')}</label>
      </Flex>
      <Flex align="center" gap={6}>
        <Switch size="small" checked={p.times} onChange={p.onTimes} aria-label={t('instances.log.times')} id="log-times" />
        <Tooltip title={t('instances.log.timesTip')}>
          <label htmlFor="log-times" style={{ cursor: 'pointer' }}>{t('instances.log.times')}</label>
        </Tooltip>
      </Flex>
      <Button size="small" icon={<VerticalAlignBottomOutlined aria-hidden />} onClick={p.onJumpToEnd}>
        {t('instances.log.jumpToEnd')}
      </Button>
      <Input
        size="small"
        aria-label={t('instances.log.goToLine')}
        placeholder={t('instances.log.goToLine')}
        inputMode="numeric"
        value={line}
        onChange={(e) => setLine(e.target.value.replace(/[^\d]/g, ''))}
        onPressEnter={() => {
          const n = Number(line);
          if (n > 0) p.onGoTo(n);
        }}
        style={{ width: 110 }}
      />
      <Space.Compact size="small">
        <Input
          ref={p.searchRef}
          size="small"
          allowClear
          aria-label={t('instances.log.search')}
          placeholder={t('instances.log.search')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            if (!e.target.value) p.onSearch('');
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            if (dirty) p.onSearch(q);
            else p.onStep(e.shiftKey ? -1 : 1);
          }}
          style={{ width: 200 }}
        />
        <Tooltip title={t('instances.log.prevTip')}>
          <Button aria-label={t('instances.log.prev')} icon={<UpOutlined />} disabled={!s.matches.length || dirty} onClick={() => p.onStep(-1)} />
        </Tooltip>
        <Tooltip title={t('instances.log.nextTip')}>
          <Button aria-label={t('instances.log.next')} icon={<DownOutlined />} disabled={!s.matches.length || dirty} onClick={() => p.onStep(1)} />
        </Tooltip>
      </Space.Compact>
      <Typography.Text type={s.error ? 'danger' : 'secondary'} role="status" style={{ minWidth: 70 }}>
        {matchText(s, t)}
      </Typography.Text>
      <Flex align="center" gap={12} style={{ marginLeft: 'auto' }}>
        <Typography.Text type="secondary">{t('common.count.lines', { count: p.total })}</Typography.Text>
        <Button size="small" icon={<DownloadOutlined aria-hidden />} loading={p.downloading} onClick={p.onDownload}>
          {t('instances.log.download')}
        </Button>
      </Flex>
    </Flex>
  );
}
