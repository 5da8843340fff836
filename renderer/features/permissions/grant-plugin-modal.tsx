import { Alert, App, Form, InputNumber, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { grantedDirectly, pluginRole } from '../../../shared/domain/roles';
import { errorMessage } from '../../lib/errors';
import { grantsStore } from '../../stores/grants-store';
import { hostsStore, useHosts } from '../../stores/hosts-store';
import { useUsers } from '../../stores/users-store';

interface GrantForm {
  readonly user_name: string;
  readonly host_ids: number[];
  readonly hours: number;
}

/**
 * An admin grants a plug-in user run permission on hosts: a plug-in writes no tasks, so it cannot
 * apply; its runs go only where an admin lets them. People apply instead (and are approved by someone else).
 */
export function GrantPluginModal({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const users = useUsers((s) => s.users);
  const hosts = useHosts((s) => s.hosts);
  const plugins = useMemo(() => users.filter((u) => grantedDirectly(u.roles) && !u.disabled), [users]);

  useEffect(() => {
    if (open && !hostsStore.getState().loaded) void hostsStore.getState().load();
    if (open) setError(null);
  }, [open]);

  const submit = async (v: GrantForm): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      const added = await grantsStore.getState().grant(v);
      void message.success(`${v.user_name} may run on ${added.length} host${added.length === 1 ? '' : 's'} for ${v.hours} h`);
      form.resetFields();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="Grant hosts to a plug-in"
      open={open}
      okText="Grant"
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        A plug-in&apos;s user (role <Typography.Text code>{pluginRole}</Typography.Text>) reports its work as external jobs at any time, but starts runs only on
        hosts granted here. It cannot apply for them, and never approves requests. The grant is audited and can be revoked.
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message="Not granted" description={error} style={{ marginBottom: 12 }} /> : null}
      <Form<GrantForm> form={form} layout="vertical" initialValues={{ hours: 24 }} onFinish={(v) => void submit(v)} requiredMark="optional">
        <Form.Item
          name="user_name"
          label="Plug-in user"
          rules={[{ required: true, message: 'Pick a plug-in user' }]}
          extra={plugins.length ? undefined : `No enabled user holds the ${pluginRole} role: create one on the Users page first.`}
        >
          <Select<string> showSearch aria-label="Plug-in user" options={plugins.map((u) => ({ value: u.user_name, label: u.user_name }))} />
        </Form.Item>
        <Form.Item name="host_ids" label="Hosts" rules={[{ required: true, message: 'Pick at least one host' }]}>
          <Select<number[]>
            mode="multiple"
            showSearch
            optionFilterProp="label"
            aria-label="Hosts"
            options={hosts.map((h) => ({ value: h.id, label: `${h.name} (${h.host})` }))}
          />
        </Form.Item>
        <Form.Item name="hours" label="For (hours)" rules={[{ required: true, type: 'integer', min: 1, max: 720, message: 'From 1 to 720 hours (30 days)' }]}>
          <InputNumber min={1} max={720} precision={0} aria-label="Hours" style={{ width: 140 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
