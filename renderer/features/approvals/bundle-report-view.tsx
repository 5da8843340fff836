import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { Alert, Descriptions, List, Space, Typography } from 'antd';
import type { BundleReport } from '../../../shared/domain/bundles';
import { FingerprintText } from '../../components/fingerprint-text';

const refusalTitle: Readonly<Record<string, string>> = {
  malformed: 'Not a bundle Taskdeck can read', wrong_console: 'Meant for another console', unknown_key: 'Signed by a key this console does not trust',
  revoked_key: 'Signed by a revoked key', bad_signature: 'The signature does not verify', hash_mismatch: 'The content changed', not_waiting: 'The request no longer waits for this',
  expired: 'The approval window has closed', replayed: 'Already applied', wrong_node: 'Not the node that waits', own_request: 'The requester cannot approve their own request',
  role: 'The key\'s role does not fit the node', four_eyes: 'Two nodes need two people',
};

/** Exactly what verifying a bundle found: who signed it (by this console's trust store), the hash, and each check in order. */
export function BundleReportView({ report }: { readonly report: BundleReport }) {
  return (
    <>
      {report.refusal ? (
        <Alert type="error" showIcon message={refusalTitle[report.refusal.reason] ?? 'Refused'} description={report.refusal.message} style={{ marginBottom: 12 }} />
      ) : (
        <Alert type="success" showIcon message={`This ${report.kind} bundle verifies`} description="Every check below passed. Nothing has been applied yet." style={{ marginBottom: 12 }} />
      )}
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 140 } }}
        items={[
          { key: 'k', label: 'Kind', children: report.kind },
          {
            key: 's', label: 'Signed by', children: report.signer ? (
              <Space size={8} wrap>
                <Typography.Text>{report.signer.kind === 'console' ? `console ${report.signer.console_id}` : report.signer.kind === 'user' ? `${report.signer.user_name} as ${report.signer.role}` : ''}</Typography.Text>
                <FingerprintText value={report.signer.key_id} copyable />
              </Space>
            ) : <Typography.Text type="secondary">not established</Typography.Text>,
          },
          { key: 'h', label: 'Content hash', children: report.content_hash ? <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{report.content_hash}</Typography.Text> : '—' },
        ]}
      />
      <List
        size="small"
        aria-label="Checks"
        dataSource={report.checks}
        renderItem={(c) => (
          <List.Item>
            <List.Item.Meta
              avatar={c.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" aria-label="passed" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label="failed" />}
              title={c.check}
              description={c.detail}
            />
          </List.Item>
        )}
      />
    </>
  );
}
