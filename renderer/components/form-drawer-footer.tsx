import { Button, Space } from 'antd';

/** The footer of a drawer that edits one form: Cancel, and Save submitting the form by its id. */
export function FormDrawerFooter({ formId, busy, onCancel }: { formId: string; busy: boolean; onCancel: () => void }) {
  return (
    <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <Button onClick={onCancel}>Cancel</Button>
      <Button type="primary" htmlType="submit" form={formId} loading={busy}>
        Save
      </Button>
    </Space>
  );
}
