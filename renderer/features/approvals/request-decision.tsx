import { CheckOutlined, CloseOutlined, PlayCircleOutlined, StopOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import { href } from '../../app/hash-route';
import { errorMessage } from '../../lib/errors';
import { requestsStore } from '../../stores/requests-store';
import { useSession } from '../../stores/session-store';
import { canCancel, canExecute, whyCannotDecide, type Viewer } from './request-model';
import { t } from '../../i18n/i18n';
import { statusMeaning, statusWord } from '../../lib/status-words';
import { useShownName } from '../users/user-name';

const COMMENT_MAX = 1000;

/** What approving this node leads to, for the confirmation. */
function approveConsequence(r: ChangeRequestView): string {
  const last = r.current_node === r.nodes.length - 1;
  if (!last) return t('approvals.decide.next', { n: r.current_node + 2, role: r.nodes[r.current_node + 1]!.role });
  switch (r.strategy.kind) {
    case 'auto':
      return t('approvals.decide.lastAuto');
    case 'manual':
      return t('approvals.decide.lastManual', { hours: r.validity.wait_hours });
    case 'at':
      return t('approvals.decide.lastAt');
  }
}

/** Approve / Reject with a comment, or why not; Cancel request; Execute now; the run's instances. */
export function RequestDecision({ request: r }: { readonly request: ChangeRequestView }) {
  const { modal, message, notification } = App.useApp();
  const user = useSession((s) => s.user);
  const me: Viewer | null = user ? { user_name: user.user_name, roles: user.roles } : null;
  const [comment, setComment] = useState('');
  const nameOf = useShownName();
  const why = whyCannotDecide(r, me);
  const node = r.nodes[r.current_node];

  const act = (verb: 'approve' | 'reject' | 'cancel' | 'execute', run: () => Promise<ChangeRequestView>, done: (v: ChangeRequestView) => string) => async (): Promise<void> => {
    try {
      const v = await run();
      void message.success(done(v));
    } catch (err) {
      notification.error({ message: t(`approvals.decide.failed.${verb}`, { id: r.id }), description: errorMessage(err), duration: 10 });
    }
  };

  const approve = (): void => {
    modal.confirm({
      title: t('approvals.decide.approveTitle', { id: r.id }),
      content: (
        <>
          {t('approvals.decide.youApprove', { n: r.current_node + 1, of: r.nodes.length, role: node?.role })} {approveConsequence(r)}
          {comment.trim() ? <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('approvals.decide.commentQuoted', { comment: comment.trim() })}</Typography.Paragraph> : null}
        </>
      ),
      okText: t('approvals.decide.approve'),
      cancelText: t('common.action.back'),
      onOk: act('approve', () => requestsStore.getState().approve(r.id, comment.trim()), (v) => {
        setComment('');
        return v.state === 'APPROVING' ? t('approvals.decide.approvedNode', { n: r.current_node + 1, next: v.current_node + 1 }) : t('approvals.decide.approved', { id: r.id });
      }),
    });
  };
  const reject = (): void => {
    modal.confirm({
      title: t('approvals.decide.rejectTitle', { id: r.id }),
      content: `${t('approvals.decide.rejectText', { requester: nameOf(r.requester) })}${comment.trim() ? '' : t('approvals.decide.sayWhy')}`,
      okText: t('approvals.decide.reject'),
      okButtonProps: { danger: true },
      cancelText: t('common.action.back'),
      onOk: act('reject', () => requestsStore.getState().reject(r.id, comment.trim()), () => {
        setComment('');
        return t('approvals.decide.rejected', { id: r.id });
      }),
    });
  };
  const cancel = (): void => {
    modal.confirm({
      title: t('approvals.decide.cancelTitle', { id: r.id }),
      content: t('approvals.decide.cancelText'),
      okText: t('approvals.decide.cancel'),
      okButtonProps: { danger: true },
      cancelText: t('approvals.decide.keep'),
      onOk: act('cancel', () => requestsStore.getState().cancel(r.id), () => t('approvals.decide.cancelled', { id: r.id })),
    });
  };
  const execute = (): void => {
    modal.confirm({
      title: t('approvals.decide.executeTitle', { id: r.id }),
      content: t('approvals.decide.executeText', { name: r.task_name, count: r.task.hosts.length }),
      okText: t('approvals.decide.execute'),
      cancelText: t('common.action.back'),
      onOk: act('execute', () => requestsStore.getState().execute(r.id), (v) => t('approvals.decide.nowState', { id: r.id, state: statusWord('request', v.state).toLowerCase() })),
    });
  };

  const cancellable = canCancel(r, me);
  const executable = canExecute(r, me);
  const deciding = r.state === 'APPROVING' && r.can_approve;
  if (!deciding && !why && !cancellable && !executable && !r.run_id) {
    return <Typography.Text type="secondary">{t('approvals.decide.nothing')} {statusMeaning('request', r.state)}</Typography.Text>;
  }
  return (
    <section aria-label={t('approvals.detail.decision')}>
      {deciding ? (
        <Form layout="vertical">
          <Form.Item label={t('approvals.decide.comment')} htmlFor="request-comment" extra={t('approvals.decide.youDecide', { n: r.current_node + 1, of: r.nodes.length, role: node?.role })}>
            <Input.TextArea id="request-comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={COMMENT_MAX} showCount autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('approvals.decide.commentPlaceholder')} />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" icon={<CheckOutlined />} onClick={approve}>
              {t('approvals.decide.approve')}
            </Button>
            <Button danger icon={<CloseOutlined />} onClick={reject}>
              {t('approvals.decide.reject')}
            </Button>
          </Flex>
        </Form>
      ) : why ? (
        <Alert type="info" showIcon message={why} />
      ) : null}
      {cancellable || executable || r.run_id ? (
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          {executable ? (
            <Button type="primary" icon={<PlayCircleOutlined />} onClick={execute}>
              {t('approvals.decide.execute')}
            </Button>
          ) : null}
          {cancellable ? (
            <Button danger icon={<StopOutlined />} onClick={cancel}>
              {t('approvals.decide.cancel')}
            </Button>
          ) : null}
          {r.run_id ? (
            <Button icon={<UnorderedListOutlined />} href={href(`/instances?run=${encodeURIComponent(r.run_id)}`)}>
              {t('approvals.decide.runInstances')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
    </section>
  );
}
