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
import { t as tr } from '../../i18n/i18n';
import { useTranslation } from 'react-i18next';

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

/** The validity fields; each one's label and help are `processes.validity.<key>` and `<key>Extra`. */
const validityFields = [
  { name: 'approval_hours', key: 'approval' },
  { name: 'wait_hours', key: 'wait' },
  { name: 'execution_hours', key: 'execution' },
] as const;

function initial(process: Process | undefined, copyOf: Process | undefined, type: TaskTypeName | undefined): ProcessFormValues {
  if (process) return initialProcessValues(process);
  if (copyOf) return { ...initialProcessValues(copyOf), name: tr('processes.form.copyName', { name: copyOf.name }).slice(0, NAME_MAX) };
  return initialProcessValues(undefined, type);
}

export function ProcessFormDrawer({ open, process, copyOf, defaultType, onClose, onSaved }: ProcessFormDrawerProps) {
  const { t } = useTranslation();
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
      title={process ? t('processes.form.editTitle', { name: process.name }) : t('processes.list.new')}
      width={720}
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) focusFirstField(nameRef.current);
      }}
      footer={<FormDrawerFooter formId={FORM_ID} busy={busy} onCancel={onClose} />}
    >
      {formError ? <Alert type="error" showIcon message={t('processes.form.notSaved')} description={formError} style={{ marginBottom: 12 }} role="alert" /> : null}
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
            <Form.Item name="name" label={t('tasks.field.name')} rules={[{ required: true, whitespace: true, message: t('processes.form.nameRequired') }]} extra={t('processes.form.nameExtra')}>
              <Input ref={nameRef} maxLength={NAME_MAX} showCount placeholder={t('processes.form.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="task_type" label={t('processes.taskType')} rules={[{ required: true, message: t('processes.form.typeRequired') }]}>
              <Select showSearch optionFilterProp="label" options={taskTypeNames.map((type) => ({ value: type, label: taskTypeLabel[type] }))} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0} plain style={{ marginTop: 0 }}>
          {taskType === 'database_change' ? t('processes.form.levelsAndApproval') : t('tasks.field.approval')}
        </Divider>
        {taskType === 'database_change' ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: -6 }}>
            {t('processes.form.levelsHelp')}
          </Typography.Paragraph>
        ) : null}
        <RiskLevelsEditor graded={taskType === 'database_change'} roles={roles} />

        <Divider orientation="left" orientationMargin={0} plain>
          {t('processes.form.validity')}
        </Divider>
        <Row gutter={12}>
          {validityFields.map((f) => (
            <Col span={8} key={f.name}>
              <Form.Item name={['validity', f.name]} label={t(`processes.validity.${f.key}`)} extra={t(`processes.validity.${f.key}Extra`)} rules={[{ required: true, message: t('processes.form.hoursRange', { min: HOURS_MIN, max: HOURS_MAX }) }]}>
                <InputNumber min={HOURS_MIN} max={HOURS_MAX} precision={0} suffix={t('processes.hoursUnit')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>

        <Divider orientation="left" orientationMargin={0} plain>
          {t('processes.associated')}
        </Divider>
        <Form.Item name={['association', 'mode']} label={t('processes.form.appliesTo')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('processes.allHosts') },
              { value: 'some', label: t('processes.form.some') },
            ]}
          />
        </Form.Item>
        {assocMode === 'some' ? (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item
                name={['association', 'host_ids']}
                label={t('shell.nav.hosts')}
                dependencies={[['association', 'group_ids']]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_r, v: number[] | undefined) => {
                      const groupIds = (getFieldValue(['association', 'group_ids']) as number[] | undefined) ?? [];
                      if (!v?.length && !groupIds.length) throw new Error(t('processes.form.pickHosts'));
                    },
                  }),
                ]}
              >
                <Select mode="multiple" allowClear optionFilterProp="label" placeholder={t('common.value.none')} options={hosts.map((h) => ({ value: h.id, label: h.name }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['association', 'group_ids']} label={t('shell.nav.groups')} extra={t('processes.form.groupsExtra')}>
                <Select mode="multiple" allowClear optionFilterProp="label" placeholder={t('common.value.none')} options={groups.map((g) => ({ value: g.id, label: g.name }))} />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t('processes.form.matchRule')}
        </Typography.Paragraph>

        <Divider orientation="left" orientationMargin={0} plain>
          {t('processes.form.statusRemarks')}
        </Divider>
        <Form.Item name="enabled" label={t('status.process.enabled')} valuePropName="checked" extra={t('processes.form.enabledExtra')}>
          <Switch />
        </Form.Item>
        <Form.Item name="remarks" label={t('processes.remarks')}>
          <Input.TextArea maxLength={REMARKS_MAX} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
