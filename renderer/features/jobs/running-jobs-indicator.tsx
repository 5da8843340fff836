import { NodeIndexOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { JobView } from '../../../shared/domain/jobs';
import { href } from '../../app/hash-route';
import { jobDescription } from '../../lib/server-words';
import { useNow } from '../../lib/use-now';
import { jobsStore, useJobs } from '../../stores/jobs-store';
import { JobDuration, JobProgress, JobStatusTag } from './job-bits';
import { moduleWord } from './job-model';
import { useTranslation } from 'react-i18next';

const LATEST = 5;

function RunningList({ jobs, now, onPick }: { readonly jobs: readonly JobView[]; readonly now: number; readonly onPick: () => void }) {
  const { t } = useTranslation();
  if (!jobs.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jobs.running.none')} />;
  return (
    <List
      size="small"
      dataSource={jobs.slice(0, LATEST) as JobView[]}
      renderItem={(j) => (
        <List.Item key={j.id}>
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <a href={href(`/jobs/${encodeURIComponent(j.id)}`)} onClick={onPick}>{jobDescription(j)}</a>
              <JobStatusTag job={j} />
            </Space>
            <Space size={12}>
              <Typography.Text type="secondary">{moduleWord(j.module)} · <JobDuration job={j} now={now} /></Typography.Text>
            </Space>
            <JobProgress job={j} />
          </Space>
        </List.Item>
      )}
    />
  );
}

/** The shell's task monitor: how many jobs run now, the latest few in a popover, a way to the Jobs page. */
export function RunningJobsIndicator() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const running = useJobs((s) => s.running);
  const jobs = useJobs(useShallow((s) => s.running.ids.map((id) => s.byId[id]).filter((j): j is JobView => Boolean(j))));
  const now = useNow(open && jobs.length > 0);

  useEffect(() => {
    void jobsStore.getState().loadRunning().catch(() => undefined);
  }, []);

  const count = running.ids.length;
  const label = t('jobs.running.label', { count, n: `${count}${running.more ? '+' : ''}` });
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={<Space style={{ justifyContent: 'space-between', width: 320 }}><span>{t('jobs.running.title')}</span><a href={href('/jobs?status=STARTED')} onClick={() => setOpen(false)}>{t('jobs.running.open')}</a></Space>}
      content={<div style={{ width: 320, maxHeight: 420, overflow: 'auto' }}><RunningList jobs={jobs} now={now} onPick={() => setOpen(false)} /></div>}
    >
      <Button type="text" aria-label={label} aria-haspopup="dialog" aria-expanded={open}>
        <Badge count={count} overflowCount={running.more ? count - 1 : 99} size="small" color="#1668dc" offset={[6, -2]}>
          <NodeIndexOutlined style={{ fontSize: 16 }} />
        </Badge>
        <span style={{ marginInlineStart: 8 }}>{t('shell.nav.jobs')}</span>
      </Button>
    </Popover>
  );
}
