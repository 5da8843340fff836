import { App, Alert, Button, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { isFinished, type JobView } from '../../../shared/domain/jobs';
import { errorMessage } from '../../lib/errors';
import { jobDescription } from '../../lib/server-words';
import { jobsStore, useJobs } from '../../stores/jobs-store';
import { useSession } from '../../stores/session-store';
import { jobAbilities, statusWord as jobWord, unfinishedBelow } from './job-model';
import { statusWord } from '../../lib/status-words';
import { useTranslation } from 'react-i18next';

type EndStatus = 'FINISHED' | 'FAILED' | 'ABORTED' | 'UNKNOWN';
/** How a job may be ended, in words from the one status mapping. */
const endChoices: readonly EndStatus[] = ['FINISHED', 'FAILED', 'ABORTED', 'UNKNOWN'];

const nameOf = (j: JobView): string => `"${jobDescription(j)}"`;

function StepList({ steps }: { readonly steps: readonly JobView[] }) {
  const { t } = useTranslation();
  return (
    <ul aria-label={t('jobs.actions.unfinished')} style={{ maxHeight: 200, overflow: 'auto', paddingInlineStart: 20, margin: '4px 0' }}>
      {steps.map((s) => (
        <li key={s.id}>{jobDescription(s)} <Typography.Text type="secondary">({jobWord(s)})</Typography.Text></li>
      ))}
    </ul>
  );
}

/** End an external job: pick its status; with unfinished steps it is a forced end that aborts them, and the dialog lists them. */
function EndJobModal({ job, onClose }: { readonly job: JobView; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<EndStatus>('FINISHED');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nodes = useJobs((s) => s.byId);
  const open = unfinishedBelow(Object.values(nodes).filter((n) => n.root_id === job.id), job.id);
  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await jobsStore.getState().end(job.id, status, open.length > 0);
      void message.success(t('jobs.actions.ended', { name: nameOf(job), status: statusWord('job', status) }));
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('jobs.actions.endTitle', { name: nameOf(job) })}
      okText={open.length ? t('jobs.actions.endAbort', { count: open.length }) : t('jobs.actions.endJob')}
      okButtonProps={{ danger: open.length > 0, loading: busy }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group aria-label={t('jobs.actions.endStatus')} value={status} onChange={(e) => setStatus(e.target.value as EndStatus)} options={endChoices.map((c) => ({ value: c, label: statusWord('job', c) }))} optionType="button" />
        {open.length ? (
          <Alert
            type="warning"
            showIcon
            message={t('jobs.actions.notFinished', { count: open.length })}
            description={<StepList steps={open} />}
          />
        ) : null}
        {error ? <Alert type="error" showIcon message={t('jobs.actions.endFailed')} description={error} /> : null}
      </Space>
    </Modal>
  );
}

/** Abort / End / Clear buttons for one job or step, each confirmed; only those the node and the user allow. */
export function JobActions({ job, size = 'small' }: { readonly job: JobView; readonly size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const permissions = useSession((s) => s.permissions);
  const user = useSession((s) => s.user);
  const [ending, setEnding] = useState(false);
  const can = jobAbilities(job, permissions, user);
  if (!can.abort && !can.end && !can.clear) return null;

  const confirmAbort = (): void => {
    const nodes = Object.values(jobsStore.getState().byId).filter((n) => n.root_id === job.root_id);
    const below = unfinishedBelow(nodes, job.id);
    modal.confirm({
      title: job.parent_id ? t('jobs.actions.abortStep', { name: nameOf(job) }) : t('jobs.actions.abortJob', { name: nameOf(job) }),
      content: (
        <>
          <p>{t('jobs.actions.abortText')}</p>
          {below.length ? <>{t('jobs.actions.abortBelow')}<StepList steps={below} /></> : null}
        </>
      ),
      okText: t('jobs.actions.abort'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await jobsStore.getState().abort(job.id);
          void message.success(t('jobs.actions.aborted', { name: nameOf(job) }));
        } catch (err) {
          void message.error(errorMessage(err));
        }
      },
    });
  };
  const confirmClear = (): void => {
    modal.confirm({
      title: t('jobs.actions.clearTitle', { name: nameOf(job) }),
      content: isFinished(job.state) ? t('jobs.actions.clearFinished') : t('jobs.actions.clearRunning'),
      okText: t('jobs.actions.clear'),
      onOk: async () => {
        try {
          await jobsStore.getState().clear(job.id);
        } catch (err) {
          void message.error(errorMessage(err));
        }
      },
    });
  };
  const openEnd = async (): Promise<void> => {
    // The confirmation lists the unfinished steps, so load them first.
    await jobsStore.getState().loadJob(job.id).catch(() => undefined);
    setEnding(true);
  };

  return (
    <Space size={4} onClick={(e) => e.stopPropagation()}>
      {can.abort ? <Button size={size} danger onClick={confirmAbort} aria-label={t('jobs.actions.abortAria', { name: jobDescription(job) })}>{t('jobs.actions.abort')}</Button> : null}
      {can.end ? <Button size={size} onClick={() => void openEnd()} aria-label={t('jobs.actions.endAria', { name: jobDescription(job) })}>{t('jobs.actions.end')}</Button> : null}
      {can.clear ? <Button size={size} onClick={confirmClear} aria-label={t('jobs.actions.clearAria', { name: jobDescription(job) })}>{t('jobs.actions.clear')}</Button> : null}
      {ending ? <EndJobModal job={job} onClose={() => setEnding(false)} /> : null}
    </Space>
  );
}
