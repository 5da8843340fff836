import { App, Alert, Button, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { isFinished, type JobView } from '../../../shared/domain/jobs';
import { errorMessage } from '../../lib/errors';
import { jobsStore, useJobs } from '../../stores/jobs-store';
import { useSession } from '../../stores/session-store';
import { jobAbilities, statusWord, unfinishedBelow } from './job-model';

type EndStatus = 'FINISHED' | 'FAILED' | 'ABORTED' | 'UNKNOWN';
const endChoices: readonly { value: EndStatus; label: string }[] = [
  { value: 'FINISHED', label: 'Finished' },
  { value: 'FAILED', label: 'Failed' },
  { value: 'ABORTED', label: 'Aborted' },
  { value: 'UNKNOWN', label: 'Unknown' },
];

const nameOf = (j: JobView): string => `"${j.description}"`;

function StepList({ steps }: { readonly steps: readonly JobView[] }) {
  return (
    <ul aria-label="Unfinished steps" style={{ maxHeight: 200, overflow: 'auto', paddingInlineStart: 20, margin: '4px 0' }}>
      {steps.map((s) => (
        <li key={s.id}>{s.description} <Typography.Text type="secondary">({statusWord(s)})</Typography.Text></li>
      ))}
    </ul>
  );
}

/** End an external job: pick its status; with unfinished steps it is a forced end that aborts them, and the dialog lists them. */
function EndJobModal({ job, onClose }: { readonly job: JobView; readonly onClose: () => void }) {
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
      void message.success(`Ended ${nameOf(job)} as ${status}`);
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
      title={`End job ${nameOf(job)}`}
      okText={open.length ? `End and abort ${open.length} step${open.length > 1 ? 's' : ''}` : 'End job'}
      okButtonProps={{ danger: open.length > 0, loading: busy }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group aria-label="End status" value={status} onChange={(e) => setStatus(e.target.value as EndStatus)} options={endChoices as { value: EndStatus; label: string }[]} optionType="button" />
        {open.length ? (
          <Alert
            type="warning"
            showIcon
            message={`${open.length} step${open.length > 1 ? 's have' : ' has'} not finished; ending the job with force ends ${open.length > 1 ? 'them' : 'it'} Aborted:`}
            description={<StepList steps={open} />}
          />
        ) : null}
        {error ? <Alert type="error" showIcon message="Could not end the job" description={error} /> : null}
      </Space>
    </Modal>
  );
}

/** Abort / End / Clear buttons for one job or step, each confirmed; only those the node and the user allow. */
export function JobActions({ job, size = 'small' }: { readonly job: JobView; readonly size?: 'small' | 'middle' }) {
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
      title: `Abort ${job.parent_id ? 'step' : 'job'} ${nameOf(job)}?`,
      content: (
        <>
          <p>The work it stands for is stopped (a run's instances are cancelled on their hosts), and it ends Aborted.</p>
          {below.length ? <>Its unfinished steps are aborted too:<StepList steps={below} /></> : null}
        </>
      ),
      okText: 'Abort',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await jobsStore.getState().abort(job.id);
          void message.success(`Aborted ${nameOf(job)}`);
        } catch (err) {
          void message.error(errorMessage(err));
        }
      },
    });
  };
  const confirmClear = (): void => {
    modal.confirm({
      title: `Clear job ${nameOf(job)}?`,
      content: isFinished(job.state) ? 'It is removed once the task TTL passes.' : 'Once it ends, it is removed after the task TTL.',
      okText: 'Clear',
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
      {can.abort ? <Button size={size} danger onClick={confirmAbort} aria-label={`Abort ${job.description}`}>Abort</Button> : null}
      {can.end ? <Button size={size} onClick={() => void openEnd()} aria-label={`End ${job.description}`}>End…</Button> : null}
      {can.clear ? <Button size={size} onClick={confirmClear} aria-label={`Clear ${job.description}`}>Clear</Button> : null}
      {ending ? <EndJobModal job={job} onClose={() => setEnding(false)} /> : null}
    </Space>
  );
}
