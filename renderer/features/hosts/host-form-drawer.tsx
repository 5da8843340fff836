import { Alert, Col, Collapse, Divider, Drawer, Form, Input, InputNumber, Row, Select, Switch, theme } from 'antd';
import type { InputRef } from 'antd';
import { useRef, useState } from 'react';
import type { Host } from '../../../shared/domain/hosts';
import { applyApiError } from '../../lib/form-errors';
import { hostsStore, useHosts } from '../../stores/hosts-store';
import { HostAuthFields } from './host-auth-fields';
import { hostFormFields, initialValues, toCreateInput, toUpdateInput, type HostFormValues } from './host-form-model';
import { FormDrawerFooter } from '../../components/form-drawer-footer';
import { focusFirstField } from '../../lib/focus';
import { useTranslation } from 'react-i18next';

/** Mount with a fresh `key` for each opening: the form starts from the host (or defaults) every time. */
export interface HostFormDrawerProps {
  readonly open: boolean;
  /** The host being edited; undefined to add one. */
  readonly host: Host | undefined;
  readonly onClose: () => void;
  readonly onSaved: (host: Host, created: boolean) => void;
}

const FORM_ID = 'host';
/** The core's limit on a host's client command. */
const CLIENT_COMMAND_MAX = 4096;

export function HostFormDrawer({ open, host, onClose, onSaved }: HostFormDrawerProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [form] = Form.useForm<HostFormValues>();
  const hosts = useHosts((s) => s.hosts);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const nameRef = useRef<InputRef>(null);
  // Computed once per opening (the parent keys each opening), so live list changes never overwrite typing.
  const [initial] = useState(() => initialValues(host, hosts));
  const jumpOptions = hosts.filter((h) => h.id !== host?.id).map((h) => ({ value: h.id, label: `${h.name} (${h.host})` }));

  const submit = async (v: HostFormValues): Promise<void> => {
    setBusy(true);
    setFormError(null);
    try {
      const saved = host ? await hostsStore.getState().update(toUpdateInput(host, v)) : await hostsStore.getState().create(toCreateInput(v));
      onSaved(saved, !host);
    } catch (err) {
      setFormError(applyApiError(form, err, hostFormFields, { auth: v.key_source === 'paste' ? 'auth.private_key' : 'auth.private_key_path' }));
      if (form.getFieldError('machine_id').length) setAdvancedOpen(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      title={host ? t('hosts.form.editTitle', { name: host.name }) : t('hosts.list.add')}
      width={560}
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) focusFirstField(nameRef.current);
      }}
      footer={<FormDrawerFooter formId={FORM_ID} busy={busy} onCancel={onClose} />}
    >
      {formError ? <Alert type="error" showIcon message={t('hosts.form.notSaved')} description={formError} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form
        form={form}
        name={FORM_ID}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        onFinishFailed={({ errorFields }) => errorFields.some((f) => f.name[0] === 'machine_id') && setAdvancedOpen(true)}
        onValuesChange={() => formError && setFormError(null)}
        scrollToFirstError
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label={t('tasks.field.name')} rules={[{ required: true, message: t('hosts.form.nameRequired') }]}>
              <Input ref={nameRef} placeholder="db-prod-1" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="tag" label={t('tasks.field.tag')}>
              <Input placeholder="prod" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="enabled" label={t('status.host.Enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('taskForm.description')}>
          <Input.TextArea rows={2} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>

        <Divider orientation="left" orientationMargin={0} plain style={{ marginTop: 4 }}>
          {t('hosts.form.connection')}
        </Divider>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="host" label={t('instances.field.host')} rules={[{ required: true, message: t('hosts.form.hostRequired') }]} extra={t('hosts.form.hostExtra')}>
              <Input placeholder="10.0.0.5:22" spellCheck={false} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="username" label={t('hosts.field.username')} rules={[{ required: true, message: t('hosts.form.userRequired') }]}>
              <Input placeholder="deploy" spellCheck={false} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="jump_host_id" label={t('hosts.field.jumpHost')}>
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('hosts.form.jumpNone')} options={jumpOptions} />
        </Form.Item>
        <Divider orientation="left" orientationMargin={0} plain>
          {t('hosts.form.credentials')}
        </Divider>
        <HostAuthFields host={host} />
        <Divider orientation="left" orientationMargin={0} plain>
          {t('hosts.form.databaseChanges')}
        </Divider>
        <Form.Item
          name="client_command"
          label={t('taskForm.client.label')}
          rules={[{ max: CLIENT_COMMAND_MAX, message: t('taskForm.atMost', { n: CLIENT_COMMAND_MAX }) }]}
          extra={`${t('hosts.form.clientExtra')}${host ? t('hosts.form.clientVoids') : ''}`}
        >
          <Input placeholder="psql -v ON_ERROR_STOP=1 -f -" spellCheck={false} autoComplete="off" style={{ fontFamily: token.fontFamilyCode }} />
        </Form.Item>
        {/* The machine ID is filled with the next free one; few ever change it (it must only be unique). A field with an error opens the section. */}
        <Collapse
          ghost
          size="small"
          activeKey={advancedOpen ? ['advanced'] : []}
          onChange={(keys) => setAdvancedOpen(keys.length > 0)}
          items={[{
            key: 'advanced',
            label: t('hosts.form.advanced'),
            forceRender: true,
            children: (
              <Form.Item
                name="machine_id"
                label={t('hosts.field.machineId')}
                rules={[{ required: true, message: t('hosts.form.machineRequired') }]}
                extra={t('hosts.form.machineExtra')}
              >
                <InputNumber min={0} max={1023} precision={0} style={{ width: 160 }} />
              </Form.Item>
            ),
          }]}
        />
      </Form>
    </Drawer>
  );
}
