import { ExportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Popconfirm, theme, Tooltip, Typography } from 'antd';
import { memo, useLayoutEffect, useRef } from 'react';
import { InstanceStatus, type LogLine } from '../../../shared/domain/instances';
import { href } from '../../app/hash-route';
import { AnsiText } from '../../components/ansi-text';
import { DurationText } from '../../components/duration-text';
import { InstanceStatusTag } from '../../components/instance-status-tag';
import { errorMessage } from '../../lib/errors';
import type { LogTail } from '../../lib/log-tail';
import { instancesStore, useInstance } from '../../stores/instances-store';
import { useRun } from '../../stores/run-store';
import { useTranslation } from 'react-i18next';
import { instanceErrorWords } from '../../../shared/domain/instance-error-words';
import { instanceError } from '../../lib/server-words';

const TailLine = memo(function TailLine({ line }: { readonly line: LogLine }) {
  const { token } = theme.useToken();
  const system = line.stream === 'system';
  return (
    <div
      style={{
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
        color: line.stream === 'stderr' ? token.colorError : system ? token.colorTextTertiary : undefined,
        fontStyle: system ? 'italic' : undefined,
      }}
    >
      {system ? <span style={{ opacity: 0.8 }}>[taskdeck] </span> : null}
      <AnsiText text={line.text} />
    </div>
  );
});

/** The last lines, following the end unless the user scrolled up to read. */
function TailView({ tail, running }: { readonly tail: LogTail; readonly running: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [tail]);
  const hidden = tail.lines.length ? tail.lines[0]!.n - 1 : 0;
  return (
    <div
      ref={ref}
      tabIndex={0}
      aria-label={t('run.latestOutput')}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
      style={{
        height: 260,
        overflow: 'auto',
        padding: '6px 10px',
        fontFamily: token.fontFamilyCode,
        fontSize: 12,
        lineHeight: '16px',
        background: token.colorFillQuaternary,
        borderBottomLeftRadius: token.borderRadiusLG,
        borderBottomRightRadius: token.borderRadiusLG,
      }}
    >
      {hidden > 0 ? <div style={{ color: token.colorTextTertiary }}>{t('run.hiddenLines', { n: hidden.toLocaleString() })}</div> : null}
      {tail.lines.map((l) => (
        <TailLine key={l.n} line={l} />
      ))}
      {tail.lines.length === 0 ? <div style={{ color: token.colorTextTertiary }}>{running ? t('instances.log.waiting') : t('run.noOutput')}</div> : null}
    </div>
  );
}

/** One host's live output in a run: status, exit code, elapsed time, the tail of its log, cancel and open. */
export function OutputPane({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { notification } = App.useApp();
  const instance = useInstance(id);
  const tail = useRun((s) => s.tails[id]);
  if (!instance || !tail) return null;
  const running = instance.status === InstanceStatus.Running;
  // "exit code 2" is already in the header; other errors (could not connect, limit reached) are worth a line.
  const error = instance.error && instanceErrorWords(instance.error)?.key !== 'exitCode' ? instanceError(instance.error) : null;
  const cancel = async (): Promise<void> => {
    try {
      await instancesStore.getState().cancel(id);
    } catch (err) {
      notification.error({ message: t('instances.cancel.failed', { host: instance.host.name }), description: errorMessage(err), duration: 8 });
    }
  };

  return (
    <section
      aria-label={t('run.outputOf', { host: instance.host.name })}
      style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG, minWidth: 0, display: 'flex', flexDirection: 'column' }}
    >
      <Flex align="center" gap={8} wrap style={{ padding: '6px 10px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
        <Typography.Text strong ellipsis style={{ maxWidth: 180 }}>{instance.host.name}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM }}>{instance.host.host}</Typography.Text>
        <InstanceStatusTag instance={instance} />
        {!running && instance.exit_code !== null ? <Typography.Text type={instance.exit_code === 0 ? 'success' : 'danger'}>{t('run.exit', { code: instance.exit_code })}</Typography.Text> : null}
        {!running && instance.signal ? <Typography.Text type="danger">{t('instances.signal', { signal: instance.signal })}</Typography.Text> : null}
        <Tooltip title={running ? t('run.runningFor') : t('run.ranFor')}>
          <Typography.Text type="secondary">
            <DurationText instance={instance} />
          </Typography.Text>
        </Tooltip>
        <Flex gap={4} align="center" style={{ marginLeft: 'auto' }}>
          {running ? (
            <Popconfirm
              title={t('run.cancelOn', { host: instance.host.name })}
              description={t('run.cancelOnText')}
              okText={t('instances.cancel.ok')}
              okButtonProps={{ danger: true }}
              cancelText={t('instances.cancel.keep')}
              onConfirm={cancel}
            >
              <Button size="small" danger>
                {t('common.action.cancel')}
              </Button>
            </Popconfirm>
          ) : null}
          <Button size="small" type="link" href={href(`/instances/${id}`)} icon={<ExportOutlined aria-hidden />}>
            {t('common.action.open')}
          </Button>
        </Flex>
      </Flex>
      {error ? <Alert type="error" banner message={error} style={{ padding: '4px 10px' }} /> : null}
      <TailView tail={tail} running={running} />
    </section>
  );
}
