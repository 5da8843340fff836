import { Alert, Col, Divider, Drawer, Form, Input, InputNumber, Row, Select, Switch, theme } from 'antd';
import type { InputRef } from 'antd';
import { useRef, useState } from 'react';
import type { Host } from '../../../shared/domain/hosts';
import { applyApiError } from '../../lib/form-errors';
import { hostsStore, useHosts } from '../../stores/hosts-store';
import { HostAuthFields } from './host-auth-fields';
import { hostFormFields, initialValues, toCreateInput, toUpdateInput, type HostFormValues } from './host-form-model';
import { FormDrawerFooter } from '../../components/form-drawer-footer';
import { focusFirstField } from '../../lib/focus';

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
  const { token } = theme.useToken();
  const [form] = Form.useForm<HostFormValues>();
  const hosts = useHosts((s) => s.hosts);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
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
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      title={host ? `Edit host ${host.name}` : 'Add host'}
      width={560}
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) focusFirstField(nameRef.current);
      }}
      footer={<FormDrawerFooter formId={FORM_ID} busy={busy} onCancel={onClose} />}
    >
      {formError ? <Alert type="error" showIcon message="The host was not saved" description={formError} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form
        form={form}
        name={FORM_ID}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        onValuesChange={() => formError && setFormError(null)}
        scrollToFirstError
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label="Name" rules={[{ required: true, message: 'Give the host a name' }]}>
              <Input ref={nameRef} placeholder="db-prod-1" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="tag" label="Tag">
              <Input placeholder="prod" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="enabled" label="Enabled" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label="Description">
          <Input.TextArea rows={2} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>

        <Divider orientation="left" orientationMargin={0} plain style={{ marginTop: 4 }}>
          Connection
        </Divider>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="host" label="Host" rules={[{ required: true, message: 'Give the address and port' }]} extra="address:port; IPv6 in brackets">
              <Input placeholder="10.0.0.5:22" spellCheck={false} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="username" label="Username" rules={[{ required: true, message: 'Give the SSH user' }]}>
              <Input placeholder="deploy" spellCheck={false} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="jump_host_id" label="Jump host">
              <Select allowClear showSearch optionFilterProp="label" placeholder="None: connect directly" options={jumpOptions} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="machine_id"
              label="Machine ID"
              rules={[{ required: true, message: 'Pick a machine ID (0–1023)' }]}
              extra="Unique, 0–1023; part of the ids of runs here"
            >
              <InputNumber min={0} max={1023} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left" orientationMargin={0} plain>
          Credentials
        </Divider>
        <HostAuthFields host={host} />
        <Divider orientation="left" orientationMargin={0} plain>
          Database changes
        </Divider>
        <Form.Item
          name="client_command"
          label="Client command"
          rules={[{ max: CLIENT_COMMAND_MAX, message: `At most ${CLIENT_COMMAND_MAX} characters` }]}
          extra={`Optional. The default database client for database changes on this host: a database change task with no client command of its own sends its SQL script on stdin to this.${host ? ' Changing it voids open change requests of tasks on this host.' : ''}`}
        >
          <Input placeholder="psql -v ON_ERROR_STOP=1 -f -" spellCheck={false} autoComplete="off" style={{ fontFamily: token.fontFamilyCode }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
