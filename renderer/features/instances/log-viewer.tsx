import { useVirtualizer } from '@tanstack/react-virtual';
import { App, Button, Flex, theme, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { InstanceStatus, type Instance } from '../../../shared/domain/instances';
import { downloadInstanceLog } from '../../api/log-download';
import { errorMessage } from '../../lib/errors';
import { lastPartStart, PART, partStart, savedTimes, saveTimes } from './log-parts';
import { LogRow, ROW_HEIGHT } from './log-row';
import { LogToolbar } from './log-toolbar';
import { useLogSearch } from './use-log-search';
import { useLogWindows } from './use-log-windows';
import { useTranslation } from 'react-i18next';


/** A user scrolled (wheel, keys, scrollbar) within this long: a scroll away from the end stops following. */
const INTENT_MS = 800;

/** `#/instances/:id`'s log: virtualised over every line, fetched in windows as you scroll, live while the run goes on. */
export function LogViewer({ instance }: { readonly instance: Instance }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { notification } = App.useApp();
  const running = instance.status === InstanceStatus.Running;
  const log = useLogWindows(instance.id, instance.log_lines);
  const search = useLogSearch(instance.id);
  const [follow, setFollow] = useState(running);
  const [part, setPart] = useState(0);
  const [mark, setMark] = useState<{ n: number; kind: 'jump' | 'match' } | null>(null);
  const [downloading, setDownloading] = useState(false);
  const [times, setTimes] = useState(savedTimes);
  const [, setJumps] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<InputRef>(null);
  const intent = useRef(0);
  const pending = useRef<{ n: number; align: 'center' | 'start' | 'end' } | null>(null);

  const total = log.total;
  const lastPart = lastPartStart(total);
  const start = follow ? lastPart : Math.min(part, lastPart);
  const count = Math.max(0, Math.min(PART, total - start));
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 40 });
  const items = virtualizer.getVirtualItems();
  const first = items.length ? start + items[0]!.index + 1 : 0;
  const last = items.length ? start + items[items.length - 1]!.index + 1 : 0;

  const { request } = log;
  useEffect(() => {
    if (first) request(first, last);
  }, [first, last, total, request]);

  // Following: stay at the end as lines arrive.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [follow, count, log.version]);

  // A jump waits for its part to be laid out.
  useLayoutEffect(() => {
    const p = pending.current;
    if (p === null || partStart(p.n, total) !== start || p.n - start > count) return;
    pending.current = null;
    virtualizer.scrollToIndex(p.n - start - 1, { align: p.align });
  });

  /** Show line `n` (moving to its part), marked as a jump target or a search match. */
  const goTo = (n: number, kind: 'jump' | 'match' | null, align: 'center' | 'start' | 'end' = 'center'): void => {
    if (!total) return;
    const line = Math.max(1, Math.min(n, total));
    setFollow(false);
    setPart(partStart(line, total));
    if (kind) setMark({ n: line, kind });
    pending.current = { n: line, align };
    // The jump is made after the next layout: render even when the part, follow and mark are as they were.
    setJumps((j) => j + 1);
  };

  const setFollowing = (on: boolean): void => {
    setFollow(on);
    if (on) setPart(lastPart);
  };

  const step = (dir: 1 | -1): void => {
    void search.step(dir).then((n) => n && goTo(n, 'match'));
  };

  const download = async (): Promise<void> => {
    setDownloading(true);
    try {
      await downloadInstanceLog(instance.id);
    } catch (err) {
      notification.error({ message: t('instances.log.downloadFailed'), description: errorMessage(err), duration: 8 });
    } finally {
      setDownloading(false);
    }
  };

  const gutterCh = String(Math.max(total, 10)).length;
  const needle = search.state.query || undefined;

  return (
    <section
      aria-label={t('instances.log.title')}
      onKeyDown={(e) => {
        if (e.key === 'F3') {
          e.preventDefault();
          step(e.shiftKey ? -1 : 1);
        } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
          e.preventDefault();
          searchRef.current?.focus();
        }
      }}
      style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG, overflow: 'hidden' }}
    >
      <LogToolbar
        follow={follow}
        onFollow={setFollowing}
        times={times}
        onTimes={(on) => {
          saveTimes(on);
          setTimes(on);
        }}
        onJumpToEnd={() => {
          if (running) return setFollowing(true);
          goTo(total, null, 'end');
        }}
        total={total}
        onGoTo={(n) => goTo(n, 'jump')}
        search={search.state}
        searchRef={searchRef}
        onSearch={(q) => void search.search(q).then((n) => n && goTo(n, 'match'))}
        onStep={step}
        onDownload={() => void download()}
        downloading={downloading}
      />
      {total > PART ? (
        <Flex align="center" gap={8} style={{ padding: '2px 8px', borderTop: `1px solid ${token.colorBorderSecondary}` }}>
          <Typography.Text type="secondary">
            {t('instances.log.lines', { from: (start + 1).toLocaleString(), to: (start + count).toLocaleString(), total: total.toLocaleString() })}
          </Typography.Text>
          <Button size="small" type="link" disabled={start === 0} onClick={() => goTo(start, null, 'end')}>
            {t('instances.log.earlier')}
          </Button>
          <Button size="small" type="link" disabled={start === lastPart} onClick={() => goTo(start + PART + 1, null, 'start')}>
            {t('instances.log.later')}
          </Button>
        </Flex>
      ) : null}
      <div
        ref={scrollRef}
        tabIndex={0}
        role="group"
        aria-label={t('instances.log.linesAria')}
        onWheel={(e) => {
          if (e.deltaY < 0) intent.current = performance.now();
        }}
        onPointerDown={() => (intent.current = performance.now())}
        onKeyDown={(e) => {
          if (['ArrowUp', 'PageUp', 'Home'].includes(e.key)) intent.current = performance.now();
        }}
        onScroll={(e) => {
          if (performance.now() - intent.current > INTENT_MS) return;
          const el = e.currentTarget;
          const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2;
          if (follow && !atEnd) setFollow(false);
          else if (!follow && atEnd && running && start === lastPart) setFollow(true);
        }}
        style={{
          height: 'max(360px, calc(100vh - 360px))',
          overflow: 'auto',
          position: 'relative',
          fontFamily: token.fontFamilyCode,
          fontSize: 12,
          borderTop: `1px solid ${token.colorBorderSecondary}`,
          background: token.colorBgContainer,
          outline: 'none',
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: '100%' }}>
          {items.map((it) => {
            const n = start + it.index + 1;
            return (
              <LogRow
                key={n}
                n={n}
                line={log.line(n)}
                error={log.error(n)}
                top={it.start}
                gutterCh={gutterCh}
                showTime={times}
                mark={mark?.n === n ? mark.kind : null}
                needle={needle}
                onRetry={log.retry}
              />
            );
          })}
        </div>
        {total === 0 ? (
          <Typography.Text type="secondary" style={{ position: 'absolute', top: 12, left: 16 }}>
            {running ? t('instances.log.waiting') : t('instances.log.noOutput')}
          </Typography.Text>
        ) : null}
      </div>
    </section>
  );
}
