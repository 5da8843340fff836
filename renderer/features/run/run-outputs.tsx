import { App, Button, Flex, Typography } from 'antd';
import { useShallow } from 'zustand/react/shallow';
import { InstanceStatus } from '../../../shared/domain/instances';
import { href } from '../../app/hash-route';
import { useInstances } from '../../stores/instances-store';
import { cancelCurrentRun, useRun } from '../../stores/run-store';
import { OutputPane } from './output-pane';
import { useTranslation } from 'react-i18next';

const failed = new Set<number>([InstanceStatus.AbnormalEnding, InstanceStatus.TimeoutEnding, InstanceStatus.Unknown]);

/** The current run: a summary line with "Cancel all", then one live pane per host side by side. */
export function RunOutputs() {
  const { t } = useTranslation();
  const { modal, notification } = App.useApp();
  const current = useRun((s) => s.current);
  const statuses = useInstances(useShallow((s) => (current ? current.ids.map((id) => s.byId[id]?.status ?? 0) : [])));
  const names = useInstances(useShallow((s) => (current ? current.ids.map((id) => s.byId[id]?.host.name ?? '') : [])));
  if (!current) return null;

  const count = (pred: (s: number) => boolean): number => statuses.filter(pred).length;
  const running = count((s) => s === InstanceStatus.Running);
  const cancelled = count((s) => s === InstanceStatus.ManualCancellation);
  const order = current.ids.map((id, i) => ({ id, name: names[i] ?? '' })).sort((a, b) => a.name.localeCompare(b.name));

  const confirmCancelAll = (): void => {
    modal.confirm({
      title: t('run.cancelAllTitle', { count: running }),
      content: t('run.cancelAllText'),
      okText: t('run.cancelAll'),
      okButtonProps: { danger: true },
      cancelText: t('instances.cancel.keep'),
      onOk: async () => {
        const errors = await cancelCurrentRun();
        if (errors.length) notification.error({ message: t('run.notCancelled', { count: errors.length }), description: errors.join('\n'), duration: 10 });
      },
    });
  };

  return (
    <div style={{ marginTop: 16 }}>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 10 }}>
        <Typography.Text strong role="status">
          {t('run.summary', { running, finished: count((s) => s === InstanceStatus.Finished), failed: count((s) => failed.has(s)) })}
          {cancelled ? t('run.summaryCancelled', { n: cancelled }) : ''}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('instances.list.runTag')} <span style={{ fontFamily: 'monospace' }}>{current.run_id}</span> · <a href={href(`/instances?run=${current.run_id}`)}>{t('run.inInstances')}</a>
        </Typography.Text>
        {running > 0 ? (
          <Button danger size="small" onClick={confirmCancelAll} style={{ marginLeft: 'auto' }}>
            {t('run.cancelAll')}
          </Button>
        ) : null}
      </Flex>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, max(440px, calc((100% - 24px) / 3))), 1fr))', gap: 12 }}>
        {order.map((o) => (
          <OutputPane key={o.id} id={o.id} />
        ))}
      </div>
    </div>
  );
}
