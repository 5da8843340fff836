import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import type { Binding } from '../../../shared/domain/hosts';
import { applyApiError } from '../../lib/form-errors';
import { bindingsStore } from '../../stores/bindings-store';
import { useGroups } from '../../stores/groups-store';
import { useHosts } from '../../stores/hosts-store';
import { useTranslation } from 'react-i18next';

interface BindingValues {
  name: string;
  group_id: number;
  executor_id: number;
  weight: number;
}

export interface BindingFormModalProps {
  readonly binding: Binding | undefined;
  /** Preselected group when adding from a group's page. */
  readonly groupId?: number;
  readonly onClose: (saved?: Binding) => void;
}

/** Create or edit a binding (group, host, weight); mount per opening. */
export function BindingFormModal({ binding, groupId, onClose }: BindingFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BindingValues>();
  const groups = useGroups((s) => s.groups);
  const hosts = useHosts((s) => s.hosts);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial: Partial<BindingValues> = binding
    ? { name: binding.name, group_id: binding.group_id, executor_id: binding.executor_id, weight: binding.weight }
    : { weight: 1, ...(groupId ? { group_id: groupId } : {}) };

  const submit = async (v: BindingValues): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const saved = binding ? await bindingsStore.getState().update({ id: binding.id, ...v }) : await bindingsStore.getState().create(v);
      onClose(saved);
    } catch (err) {
      // A duplicate (group, host) pair names group_id; it is about the pair, so it is shown for the whole form.
      setError(applyApiError(form, err, ['name', 'executor_id', 'weight']));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={binding ? t('groups.binding.editTitle', { name: binding.name }) : t('groups.binding.add')}
      onCancel={() => onClose()}
      okText={t('common.action.save')}
      okButtonProps={{ htmlType: 'submit', form: 'binding', loading: busy }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form form={form} name="binding" layout="vertical" onFinish={submit} initialValues={initial} onValuesChange={() => error && setError(null)}>
        <Form.Item name="name" label={t('tasks.field.name')} rules={[{ required: true, message: t('groups.binding.nameRequired') }]} extra={t('groups.binding.nameExtra')}>
          <Input autoFocus placeholder="billing-primary" />
        </Form.Item>
        <Form.Item name="group_id" label={t('hosts.bindings.group')} rules={[{ required: true, message: t('groups.binding.groupRequired') }]}>
          <Select showSearch optionFilterProp="label" options={groups.map((g) => ({ value: g.id, label: g.name }))} placeholder={t('groups.binding.groupRequired')} />
        </Form.Item>
        <Form.Item
          name="executor_id"
          label={t('instances.field.host')}
          rules={[{ required: true, message: t('groups.binding.hostRequired') }]}
          extra={binding ? t('groups.binding.hostMove') : undefined}
        >
          <Select showSearch optionFilterProp="label" options={hosts.map((h) => ({ value: h.id, label: `${h.name} (${h.host})` }))} placeholder={t('groups.binding.hostRequired')} />
        </Form.Item>
        <Form.Item name="weight" label={t('hosts.bindings.weight')} rules={[{ required: true, message: t('groups.binding.weightRequired') }]} extra={t('groups.binding.weightExtra')}>
          <InputNumber min={1} max={1000} precision={0} style={{ width: 140 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
