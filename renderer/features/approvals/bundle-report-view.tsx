import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { Alert, Descriptions, List, Space, Typography } from 'antd';
import type { BundleReport } from '../../../shared/domain/bundles';
import { FingerprintText } from '../../components/fingerprint-text';
import { useTranslation } from 'react-i18next';

/** Refusal reasons with a title of their own (`bundles.refusal.<reason>`). */
const refusals = new Set(['malformed', 'wrong_console', 'unknown_key', 'revoked_key', 'bad_signature', 'hash_mismatch', 'not_waiting', 'expired', 'replayed', 'wrong_node', 'own_request', 'role', 'four_eyes']);

/** Exactly what verifying a bundle found: who signed it (by this console's trust store), the hash, and each check in order. */
export function BundleReportView({ report }: { readonly report: BundleReport }) {
  const { t } = useTranslation();
  return (
    <>
      {report.refusal ? (
        <Alert type="error" showIcon message={refusals.has(report.refusal.reason) ? t(`bundles.refusal.${report.refusal.reason}`) : t('reviews.refused')} description={report.refusal.message} style={{ marginBottom: 12 }} />
      ) : (
        <Alert type="success" showIcon message={t(`bundles.verifies.${report.kind}`)} description={t('bundles.allPassed')} style={{ marginBottom: 12 }} />
      )}
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 140 } }}
        items={[
          { key: 'k', label: t('bundles.kind'), children: t(`bundles.kinds.${report.kind}`) },
          {
            key: 's', label: t('bundles.signedBy'), children: report.signer ? (
              <Space size={8} wrap>
                <Typography.Text>{report.signer.kind === 'console' ? t('bundles.console', { id: report.signer.console_id }) : report.signer.kind === 'user' ? t('bundles.userAs', { user: report.signer.user_name, role: report.signer.role }) : ''}</Typography.Text>
                <FingerprintText value={report.signer.key_id} copyable />
              </Space>
            ) : <Typography.Text type="secondary">{t('bundles.notEstablished')}</Typography.Text>,
          },
          { key: 'h', label: t('approvals.detail.hash'), children: report.content_hash ? <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{report.content_hash}</Typography.Text> : '—' },
        ]}
      />
      <List
        size="small"
        aria-label={t('bundles.checks')}
        dataSource={report.checks}
        renderItem={(c) => (
          <List.Item>
            <List.Item.Meta
              avatar={c.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" aria-label={t('bundles.passed')} /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label={t('bundles.failed')} />}
              title={c.check}
              description={c.detail}
            />
          </List.Item>
        )}
      />
    </>
  );
}
