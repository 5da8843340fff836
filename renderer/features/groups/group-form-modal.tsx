import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { Group } from '../../../shared/domain/hosts';
import { applyApiError } from '../../lib/form-errors';
import { groupsStore } from '../../stores/groups-store';

interface GroupValues {
  name: string;
  description?: string;
  tag?: string;
}

/** Create or edit a group; mount per opening. */
export function GroupFormModal({ group, onClose }: { readonly group: Group | undefined; readonly onClose: (saved?: Group) => void }) {
  const [form] = Form.useForm<GroupValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: GroupValues): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const input = { name: v.name, description: v.description ?? '', tag: v.tag ?? '' };
      const saved = group ? await groupsStore.getState().update({ id: group.id, ...input }) : await groupsStore.getState().create(input);
      onClose(saved);
    } catch (err) {
      setError(applyApiError(form, err, ['name', 'description', 'tag']));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={group ? `Edit group ${group.name}` : 'Add group'}
      onCancel={() => onClose()}
      okText="Save"
      okButtonProps={{ htmlType: 'submit', form: 'group', loading: busy }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form form={form} name="group" layout="vertical" onFinish={submit} initialValues={group ?? {}}>
        <Form.Item name="name" label="Name" rules={[{ required: true, message: 'Give the group a name' }]}>
          <Input autoFocus placeholder="billing-db" />
        </Form.Item>
        <Form.Item name="description" label="Description">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="The service or business these hosts serve" />
        </Form.Item>
        <Form.Item name="tag" label="Tag">
          <Input style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
