import { Alert, App, Form, InputNumber, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { grantedDirectly, pluginRole } from '../../../shared/domain/roles';
import { errorMessage } from '../../lib/errors';
import { grantsStore } from '../../stores/grants-store';
import { hostsStore, useHosts } from '../../stores/hosts-store';
import { useUsers } from '../../stores/users-store';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation();
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
      void message.success(t('permissions.grant.done', { user: v.user_name, count: added.length, hours: v.hours }));
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
      title={t('permissions.grant.title')}
      open={open}
      okText={t('permissions.grant.ok')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('permissions.grant.pluginBefore')}
        <Typography.Text code>{pluginRole}</Typography.Text>
        {t('permissions.grant.pluginAfter')}
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={t('permissions.grant.failed')} description={error} style={{ marginBottom: 12 }} /> : null}
      <Form<GrantForm> form={form} layout="vertical" initialValues={{ hours: 24 }} onFinish={(v) => void submit(v)} requiredMark="optional">
        <Form.Item
          name="user_name"
          label={t('permissions.grant.user')}
          rules={[{ required: true, message: t('permissions.grant.userRequired') }]}
          extra={plugins.length ? undefined : t('permissions.grant.noPlugin', { role: pluginRole })}
        >
          <Select<string> showSearch aria-label={t('permissions.grant.user')} options={plugins.map((u) => ({ value: u.user_name, label: u.user_name }))} />
        </Form.Item>
        <Form.Item name="host_ids" label={t('shell.nav.hosts')} rules={[{ required: true, message: t('permissions.grant.hostsRequired') }]}>
          <Select<number[]>
            mode="multiple"
            showSearch
            optionFilterProp="label"
            aria-label={t('shell.nav.hosts')}
            options={hosts.map((h) => ({ value: h.id, label: `${h.name} (${h.host})` }))}
          />
        </Form.Item>
        <Form.Item name="hours" label={t('permissions.grant.hours')} rules={[{ required: true, type: 'integer', min: 1, max: 720, message: t('permissions.grant.hoursRange') }]}>
          <InputNumber min={1} max={720} precision={0} aria-label={t('permissions.grant.hoursAria')} style={{ width: 140 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
