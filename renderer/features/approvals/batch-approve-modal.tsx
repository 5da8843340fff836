import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Button, Form, Input, List, Modal, Typography, theme } from 'antd';
import { useState } from 'react';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import { href } from '../../app/hash-route';
import { errorMessage } from '../../lib/errors';
import { requestsStore, type BatchResult } from '../../stores/requests-store';
import { useTranslation } from 'react-i18next';

/** Approve several requests with one comment; each one's outcome is listed (one may fail while others pass). Mount per opening. */
export function BatchApproveModal({ requests, onClose }: { readonly requests: readonly ChangeRequestView[]; readonly onClose: (approvedAny: boolean) => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<BatchResult | null>(null);
  const byId = new Map(requests.map((r) => [r.id, r]));

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setResults(await requestsStore.getState().batchApprove(requests.map((r) => r.id), comment.trim()));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const okCount = results?.filter((r) => r.ok).length ?? 0;
  return (
    <Modal
      open
      title={results ? t('approvals.batch.title') : t('approvals.batch.approveN', { count: requests.length })}
      onCancel={() => onClose(okCount > 0)}
      footer={
        results ? (
          <Button type="primary" onClick={() => onClose(okCount > 0)}>
            {t('hosts.test.done')}
          </Button>
        ) : (
          <>
            <Button onClick={() => onClose(false)}>{t('common.action.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => void submit()}>
              {t('approvals.decide.approve')}
            </Button>
          </>
        )
      }
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={t('approvals.batch.nothing')} description={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      {results ? (
        <>
          <Typography.Paragraph>
            {t('approvals.batch.result', { ok: okCount, count: results.length })}
          </Typography.Paragraph>
          <List
            size="small"
            bordered
            dataSource={results}
            renderItem={(res) => (
              <List.Item>
                <List.Item.Meta
                  avatar={res.ok ? <CheckCircleFilled style={{ color: token.colorSuccess }} aria-label={t('approvals.batch.approvedAria')} /> : <CloseCircleFilled style={{ color: token.colorError }} aria-label={t('approvals.batch.notApprovedAria')} />}
                  title={<a href={href(`/approvals/${res.id}`)}>#{res.id} {byId.get(res.id)?.task_name}</a>}
                  description={res.ok ? t('approvals.timeline.approved') : <Typography.Text type="danger">{res.error}</Typography.Text>}
                />
              </List.Item>
            )}
          />
        </>
      ) : (
        <Form layout="vertical">
          <Typography.Paragraph>
            {t('approvals.batch.youApprove')}{' '}
            {requests.map((r, i) => (
              <span key={r.id}>
                {i > 0 ? ', ' : ''}#{r.id} {r.task_name}
              </span>
            ))}
            .
          </Typography.Paragraph>
          <Form.Item label={t('approvals.decide.comment')} htmlFor="batch-comment" extra={t('approvals.batch.commentExtra')}>
            <Input.TextArea id="batch-comment" autoFocus value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
