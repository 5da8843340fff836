import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import type { Binding } from '../../../shared/domain/hosts';
import { applyApiError } from '../../lib/form-errors';
import { bindingsStore } from '../../stores/bindings-store';
import { useGroups } from '../../stores/groups-store';
import { useHosts } from '../../stores/hosts-store';

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
      title={binding ? `Edit binding ${binding.name}` : 'Add binding'}
      onCancel={() => onClose()}
      okText="Save"
      okButtonProps={{ htmlType: 'submit', form: 'binding', loading: busy }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form form={form} name="binding" layout="vertical" onFinish={submit} initialValues={initial} onValuesChange={() => error && setError(null)}>
        <Form.Item name="name" label="Name" rules={[{ required: true, message: 'Name the binding' }]} extra="Tasks target bindings by this name.">
          <Input autoFocus placeholder="billing-primary" />
        </Form.Item>
        <Form.Item name="group_id" label="Group" rules={[{ required: true, message: 'Pick a group' }]}>
          <Select showSearch optionFilterProp="label" options={groups.map((g) => ({ value: g.id, label: g.name }))} placeholder="Select a group" />
        </Form.Item>
        <Form.Item
          name="executor_id"
          label="Host"
          rules={[{ required: true, message: 'Pick a host' }]}
          extra={binding ? 'Moving a binding to another host moves every task that uses it.' : undefined}
        >
          <Select showSearch optionFilterProp="label" options={hosts.map((h) => ({ value: h.id, label: `${h.name} (${h.host})` }))} placeholder="Select a host" />
        </Form.Item>
        <Form.Item name="weight" label="Weight" rules={[{ required: true, message: 'Give a weight of at least 1' }]} extra="Relative share of runs among the group's hosts.">
          <InputNumber min={1} max={1000} precision={0} style={{ width: 140 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
