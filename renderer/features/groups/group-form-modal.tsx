import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { Group } from '../../../shared/domain/hosts';
import { applyApiError } from '../../lib/form-errors';
import { groupsStore } from '../../stores/groups-store';
import { useTranslation } from 'react-i18next';

interface GroupValues {
  name: string;
  description?: string;
  tag?: string;
}

/** Create or edit a group; mount per opening. */
export function GroupFormModal({ group, onClose }: { readonly group: Group | undefined; readonly onClose: (saved?: Group) => void }) {
  const { t } = useTranslation();
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
      title={group ? t('groups.form.editTitle', { name: group.name }) : t('groups.add')}
      onCancel={() => onClose()}
      okText={t('common.action.save')}
      okButtonProps={{ htmlType: 'submit', form: 'group', loading: busy }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form form={form} name="group" layout="vertical" onFinish={submit} initialValues={group ?? {}}>
        <Form.Item name="name" label={t('tasks.field.name')} rules={[{ required: true, message: t('groups.form.nameRequired') }]}>
          <Input autoFocus placeholder="billing-db" />
        </Form.Item>
        <Form.Item name="description" label={t('taskForm.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('groups.form.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item name="tag" label={t('tasks.field.tag')}>
          <Input style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
