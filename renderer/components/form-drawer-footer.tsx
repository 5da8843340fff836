import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** The footer of a drawer that edits one form: Cancel, and Save submitting the form by its id. */
export function FormDrawerFooter({ formId, busy, onCancel }: { formId: string; busy: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <Button onClick={onCancel}>{t('common.action.cancel')}</Button>
      <Button type="primary" htmlType="submit" form={formId} loading={busy}>
        {t('common.action.save')}
      </Button>
    </Space>
  );
}
