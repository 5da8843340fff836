import { Alert, Col, Divider, Drawer, Form, Input, InputNumber, Radio, Row, Select, Switch, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { taskTypeNames, type Process, type TaskTypeName } from '../../../shared/domain/processes';
import { groupsStore, useGroups } from '../../stores/groups-store';
import { hostsStore, useHosts } from '../../stores/hosts-store';
import { processesStore } from '../../stores/processes-store';
import { pluginRole } from '../../../shared/domain/roles';
import { useKnownRoles } from '../users/known-roles';
import { HOURS_MAX, HOURS_MIN, NAME_MAX, REMARKS_MAX, initialProcessValues, placeProcessErrors, toProcessInput, type ProcessFormValues } from './process-form-model';
import { taskTypeLabel } from './process-summary';
import { RiskLevelsEditor } from './risk-levels-editor';
import { FormDrawerFooter } from '../../components/form-drawer-footer';
import { focusFirstField } from '../../lib/focus';

/** Mount with a fresh `key` for each opening: the form starts from the process (or defaults) every time. */
export interface ProcessFormDrawerProps {
  readonly open: boolean;
  /** The process being edited; undefined to create one. */
  readonly process: Process | undefined;
  /** Create a new process starting from this one's settings. */
  readonly copyOf?: Process;
  readonly defaultType?: TaskTypeName;
  readonly onClose: () => void;
  readonly onSaved: (p: Process, created: boolean) => void;
}

const FORM_ID = 'process';

const typeOptions = taskTypeNames.map((t) => ({ value: t, label: taskTypeLabel[t] }));

const validityFields = [
  { name: 'approval_hours', label: 'Approval validity', extra: 'Approval must finish within this; then the request expires.' },
  { name: 'wait_hours', label: 'Waiting for execution', extra: 'An approved request started by hand must start within this.' },
  { name: 'execution_hours', label: 'Execution validity', extra: 'The run (or a scheduled start) must finish within this.' },
] as const;

function initial(process: Process | undefined, copyOf: Process | undefined, type: TaskTypeName | undefined): ProcessFormValues {
  if (process) return initialProcessValues(process);
  if (copyOf) return { ...initialProcessValues(copyOf), name: `${copyOf.name} (copy)`.slice(0, NAME_MAX) };
  return initialProcessValues(undefined, type);
}

export function ProcessFormDrawer({ open, process, copyOf, defaultType, onClose, onSaved }: ProcessFormDrawerProps) {
  const [form] = Form.useForm<ProcessFormValues>();
  const hosts = useHosts((s) => s.hosts);
  const groups = useGroups((s) => s.groups);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const nameRef = useRef<InputRef>(null);
  // Computed once per opening (the parent keys each opening), so live list changes never overwrite typing.
  const [initialValues] = useState(() => initial(process, copyOf, defaultType));
  const taskType = (Form.useWatch('task_type', form) as TaskTypeName | undefined) ?? initialValues.task_type;
  const assocMode = (Form.useWatch(['association', 'mode'], form) as 'all' | 'some' | undefined) ?? initialValues.association.mode;
  // A plug-in never approves: its role is not offered for a node (the core refuses it too).
  const roles = useKnownRoles().filter((r) => r !== pluginRole);

  useEffect(() => {
    if (!hostsStore.getState().loaded) void hostsStore.getState().load();
    if (!groupsStore.getState().loaded) void groupsStore.getState().load();
  }, []);

  const submit = async (v: ProcessFormValues): Promise<void> => {
    setBusy(true);
    setFormError(null);
    try {
      const input = toProcessInput(v);
      const saved = process ? await processesStore.getState().update({ id: process.id, ...input }) : await processesStore.getState().create(input);
      onSaved(saved, !process);
    } catch (err) {
      const placed = placeProcessErrors(err);
      if (placed.fields.length) {
        // Server paths are checked by formFieldOf, not by the form's static name types.
        form.setFields(placed.fields as Parameters<typeof form.setFields>[0]);
        form.scrollToField(placed.fields[0]!.name);
      }
      setFormError(placed.leftover);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      title={process ? `Edit process ${process.name}` : 'New process'}
      width={720}
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) focusFirstField(nameRef.current);
      }}
      footer={<FormDrawerFooter formId={FORM_ID} busy={busy} onCancel={onClose} />}
    >
      {formError ? <Alert type="error" showIcon message="The process was not saved" description={formError} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form
        form={form}
        name={FORM_ID}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        onValuesChange={() => formError && setFormError(null)}
        scrollToFirstError
      >
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="name" label="Name" rules={[{ required: true, whitespace: true, message: 'Give the process a name' }]} extra="Unique; up to 110 characters">
              <Input ref={nameRef} maxLength={NAME_MAX} showCount placeholder="Payments database changes" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="task_type" label="Task type" rules={[{ required: true, message: 'Pick the type of task this process approves' }]}>
              <Select showSearch optionFilterProp="label" options={typeOptions} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0} plain style={{ marginTop: 0 }}>
          {taskType === 'database_change' ? 'Risk levels and approval' : 'Approval'}
        </Divider>
        {taskType === 'database_change' ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: -6 }}>
            The script's statements are classified; the lowest level that covers them chooses who approves.
          </Typography.Paragraph>
        ) : null}
        <RiskLevelsEditor graded={taskType === 'database_change'} roles={roles} />

        <Divider orientation="left" orientationMargin={0} plain>
          Validity
        </Divider>
        <Row gutter={12}>
          {validityFields.map((f) => (
            <Col span={8} key={f.name}>
              <Form.Item name={['validity', f.name]} label={f.label} extra={f.extra} rules={[{ required: true, message: `${HOURS_MIN} to ${HOURS_MAX} hours` }]}>
                <InputNumber min={HOURS_MIN} max={HOURS_MAX} precision={0} suffix="hours" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>

        <Divider orientation="left" orientationMargin={0} plain>
          Associated hosts
        </Divider>
        <Form.Item name={['association', 'mode']} label="Applies to">
          <Radio.Group
            options={[
              { value: 'all', label: 'All hosts' },
              { value: 'some', label: 'Some hosts and groups' },
            ]}
          />
        </Form.Item>
        {assocMode === 'some' ? (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item
                name={['association', 'host_ids']}
                label="Hosts"
                dependencies={[['association', 'group_ids']]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_r, v: number[] | undefined) => {
                      const groupIds = (getFieldValue(['association', 'group_ids']) as number[] | undefined) ?? [];
                      if (!v?.length && !groupIds.length) throw new Error('Pick at least one host or group, or apply to all hosts');
                    },
                  }),
                ]}
              >
                <Select mode="multiple" allowClear optionFilterProp="label" placeholder="None" options={hosts.map((h) => ({ value: h.id, label: h.name }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['association', 'group_ids']} label="Groups" extra="Every host bound to these groups">
                <Select mode="multiple" allowClear optionFilterProp="label" placeholder="None" options={groups.map((g) => ({ value: g.id, label: g.name }))} />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          A task matches the first enabled process, in priority order, that covers every one of its hosts.
        </Typography.Paragraph>

        <Divider orientation="left" orientationMargin={0} plain>
          Status and remarks
        </Divider>
        <Form.Item name="enabled" label="Enabled" valuePropName="checked" extra="A disabled process is never matched: its tasks fall to the next process, or to the unmatched-task policy.">
          <Switch />
        </Form.Item>
        <Form.Item name="remarks" label="Remarks">
          <Input.TextArea maxLength={REMARKS_MAX} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
