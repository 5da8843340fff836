import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled, LoadingOutlined, SendOutlined } from '@ant-design/icons';
import { Tag, Timeline, Typography, theme } from 'antd';
import type { TimelineItemProps } from 'antd';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import { href } from '../../app/hash-route';
import { Time } from '../../components/time-text';
import { roleColor } from '../users/known-roles';
import { t } from '../../i18n/i18n';
import { statusWord } from '../../lib/status-words';
import { UserName } from '../users/user-name';

function When({ at }: { readonly at: string | null }) {
  const { token } = theme.useToken();
  return at ? (
    <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
      <Time value={at} />
    </Typography.Text>
  ) : null;
}

function nodeItems(r: ChangeRequestView): TimelineItemProps[] {
  return r.nodes.map((n, i) => {
    const waiting = r.state === 'APPROVING' && i === r.current_node;
    const head = (
      <>
        <Typography.Text strong={n.decision !== 'pending' || waiting}>{t('approvals.timeline.node', { n: i + 1 })}</Typography.Text>{' '}
        <Tag color={roleColor(n.role)} style={{ marginInlineEnd: 6 }}>
          {n.role}
        </Tag>
      </>
    );
    if (n.decision === 'pending') {
      return {
        color: waiting ? 'blue' : 'gray',
        dot: waiting ? <ClockCircleOutlined /> : undefined,
        children: (
          <div style={{ opacity: waiting ? 1 : 0.55 }}>
            {head}
            <Typography.Text type="secondary">{waiting ? t('approvals.timeline.waitingFor', { role: n.role }) : r.state === 'APPROVING' ? t('approvals.timeline.pending') : t('approvals.timeline.notReached')}</Typography.Text>
          </div>
        ),
      };
    }
    const approved = n.decision === 'approved';
    return {
      color: approved ? 'green' : 'red',
      dot: approved ? <CheckCircleFilled /> : <CloseCircleFilled />,
      children: (
        <div>
          {head}
          <Typography.Text>
            {approved ? t('approvals.timeline.approvedBy') : t('approvals.timeline.rejectedBy')} {n.approver ? <UserName name={n.approver} strong /> : null}
          </Typography.Text>
          <br />
          <When at={n.decided_at} />
          {n.comment ? (
            <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }} type="secondary">
              “{n.comment}”
            </Typography.Paragraph>
          ) : null}
        </div>
      ),
    };
  });
}

/** What happened after the last node, if anything did. */
function outcomeItem(r: ChangeRequestView): TimelineItemProps | null {
  const word = statusWord('request', r.state);
  const runLink = r.run_id ? (
    <>
      {' · '}
      <a href={href(`/instances?run=${encodeURIComponent(r.run_id)}`)}>{t('approvals.timeline.runInstances')}</a>
    </>
  ) : null;
  switch (r.state) {
    case 'APPROVING':
    case 'REJECTED':
      return null;
    case 'WAIT_FOR_EXECUTION':
      return { color: 'blue', dot: <ClockCircleOutlined />, children: <><Typography.Text strong>{t('approvals.timeline.approved')}</Typography.Text> · {r.strategy.kind === 'manual' ? t('approvals.timeline.waitingRequester') : t('approvals.timeline.waitingStart')}</> };
    case 'EXECUTING':
      return { color: 'blue', dot: <LoadingOutlined />, children: <><Typography.Text strong>{word}</Typography.Text>{runLink}</> };
    case 'EXECUTION_SUCCEEDED':
      return { color: 'green', dot: <CheckCircleFilled />, children: <><Typography.Text strong>{word}</Typography.Text>{runLink}<br /><When at={r.updated_at} /></> };
    default:
      return {
        color: r.state === 'CANCELLED' ? 'gray' : 'red',
        dot: <CloseCircleFilled />,
        children: (
          <>
            <Typography.Text strong>{word}</Typography.Text>
            {runLink}
            <br />
            <When at={r.updated_at} />
          </>
        ),
      };
  }
}

/** Opened by the requester, then each node (decided, waiting, or not reached, greyed), then the outcome. */
export function RequestTimeline({ request: r }: { readonly request: ChangeRequestView }) {
  const opened: TimelineItemProps = {
    color: 'blue',
    dot: <SendOutlined />,
    children: (
      <>
        <Typography.Text>
          {t('approvals.timeline.openedBy')} <UserName name={r.requester} strong />
        </Typography.Text>
        <br />
        <When at={r.created_at} />
      </>
    ),
  };
  const outcome = outcomeItem(r);
  return (
    <section aria-label={t('approvals.detail.timeline')}>
      <Timeline style={{ marginTop: 8 }} items={[opened, ...nodeItems(r), ...(outcome ? [outcome] : [])]} />
    </section>
  );
}
