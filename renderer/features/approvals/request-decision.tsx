import { CheckOutlined, CloseOutlined, PlayCircleOutlined, StopOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import { href } from '../../app/hash-route';
import { errorMessage } from '../../lib/errors';
import { requestsStore } from '../../stores/requests-store';
import { useSession } from '../../stores/session-store';
import { canCancel, canExecute, whyCannotDecide, type Viewer } from './request-model';
import { statusMeaning } from '../../lib/status-words';

const COMMENT_MAX = 1000;

/** What approving this node leads to, for the confirmation. */
function approveConsequence(r: ChangeRequestView): string {
  const last = r.current_node === r.nodes.length - 1;
  if (!last) return `Node ${r.current_node + 2} (${r.nodes[r.current_node + 1]!.role}) decides next.`;
  switch (r.strategy.kind) {
    case 'auto':
      return 'This is the last node: the task starts at once.';
    case 'manual':
      return `This is the last node: the requester can then start it within ${r.validity.wait_hours} hours.`;
    case 'at':
      return 'This is the last node: the task starts at its scheduled time.';
  }
}

/** Approve / Reject with a comment, or why not; Cancel request; Execute now; the run's instances. */
export function RequestDecision({ request: r }: { readonly request: ChangeRequestView }) {
  const { modal, message, notification } = App.useApp();
  const user = useSession((s) => s.user);
  const me: Viewer | null = user ? { user_name: user.user_name, roles: user.roles } : null;
  const [comment, setComment] = useState('');
  const why = whyCannotDecide(r, me);
  const node = r.nodes[r.current_node];

  const act = (verb: string, run: () => Promise<ChangeRequestView>, done: (v: ChangeRequestView) => string) => async (): Promise<void> => {
    try {
      const v = await run();
      void message.success(done(v));
    } catch (err) {
      notification.error({ message: `Could not ${verb} request #${r.id}`, description: errorMessage(err), duration: 10 });
    }
  };

  const approve = (): void => {
    modal.confirm({
      title: `Approve request #${r.id}?`,
      content: (
        <>
          You approve node {r.current_node + 1} of {r.nodes.length} as {node?.role}. {approveConsequence(r)}
          {comment.trim() ? <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>Comment: “{comment.trim()}”</Typography.Paragraph> : null}
        </>
      ),
      okText: 'Approve',
      cancelText: 'Back',
      onOk: act('approve', () => requestsStore.getState().approve(r.id, comment.trim()), (v) => {
        setComment('');
        return v.state === 'APPROVING' ? `Approved node ${r.current_node + 1}; waiting for node ${v.current_node + 1}` : `Approved request #${r.id}`;
      }),
    });
  };
  const reject = (): void => {
    modal.confirm({
      title: `Reject request #${r.id}?`,
      content: `The request ends; ${r.requester} must start the task again to ask anew.${comment.trim() ? '' : ' Consider saying why in the comment.'}`,
      okText: 'Reject',
      okButtonProps: { danger: true },
      cancelText: 'Back',
      onOk: act('reject', () => requestsStore.getState().reject(r.id, comment.trim()), () => {
        setComment('');
        return `Rejected request #${r.id}`;
      }),
    });
  };
  const cancel = (): void => {
    modal.confirm({
      title: `Cancel request #${r.id}?`,
      content: 'Nobody can approve or run it any more. The task stays as it is.',
      okText: 'Cancel request',
      okButtonProps: { danger: true },
      cancelText: 'Keep it',
      onOk: act('cancel', () => requestsStore.getState().cancel(r.id), () => `Cancelled request #${r.id}`),
    });
  };
  const execute = (): void => {
    modal.confirm({
      title: `Execute request #${r.id} now?`,
      content: `${r.task_name} starts now on ${r.task.hosts.length} host${r.task.hosts.length === 1 ? '' : 's'}, if it still matches what was approved.`,
      okText: 'Execute now',
      cancelText: 'Back',
      onOk: act('execute', () => requestsStore.getState().execute(r.id), (v) => (v.state === 'EXECUTING' ? `Request #${r.id} is executing` : `Request #${r.id} is ${v.state}`)),
    });
  };

  const cancellable = canCancel(r, me);
  const executable = canExecute(r, me);
  const deciding = r.state === 'APPROVING' && r.can_approve;
  if (!deciding && !why && !cancellable && !executable && !r.run_id) {
    return <Typography.Text type="secondary">Nothing to decide. {statusMeaning('request', r.state)}</Typography.Text>;
  }
  return (
    <section aria-label="Decision">
      {deciding ? (
        <Form layout="vertical">
          <Form.Item label="Comment" htmlFor="request-comment" extra={`Node ${r.current_node + 1} of ${r.nodes.length}: you decide as ${node?.role}.`}>
            <Input.TextArea id="request-comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={COMMENT_MAX} showCount autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Optional; shown in the timeline" />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" icon={<CheckOutlined />} onClick={approve}>
              Approve
            </Button>
            <Button danger icon={<CloseOutlined />} onClick={reject}>
              Reject
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
              Execute now
            </Button>
          ) : null}
          {cancellable ? (
            <Button danger icon={<StopOutlined />} onClick={cancel}>
              Cancel request
            </Button>
          ) : null}
          {r.run_id ? (
            <Button icon={<UnorderedListOutlined />} href={href(`/instances?run=${encodeURIComponent(r.run_id)}`)}>
              Instances of the run
            </Button>
          ) : null}
        </Flex>
      ) : null}
    </section>
  );
}
