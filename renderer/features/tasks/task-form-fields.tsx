import { QuestionCircleOutlined } from '@ant-design/icons';
import { Col, Collapse, DatePicker, Divider, Flex, Form, Input, InputNumber, Radio, Row, Select, theme, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, type ReactNode } from 'react';
import { href } from '../../app/hash-route';
import { useBindings } from '../../stores/bindings-store';
import { defaultModeFor, limits, type TaskFormValues } from './task-form-model';
import { typeLabel } from './task-view';
import { timeZoneOptions } from './time-zones';
import { instantOf, wallClockIn } from '../../lib/zone-wall-clock';
import { useTranslation } from 'react-i18next';

function Hint({ label, tip }: { readonly label: string; readonly tip: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <Flex gap={6} align="center">
      {label}
      <Tooltip title={tip}>
        <QuestionCircleOutlined aria-hidden style={{ color: token.colorTextTertiary }} />
      </Tooltip>
    </Flex>
  );
}

const num = (k: keyof typeof limits & ('timeout' | 'retry_times' | 'retry_interval' | 'maximum_parallel_runnable_num' | 'misfire_deadline_seconds' | 'count' | 'grant_hours')) => ({
  min: limits[k].min,
  max: limits[k].max,
  precision: 0,
  style: { width: '100%' },
});

/** The picker shows fields only: give it the zone's wall clock as a local dayjs. */
function pickerValue(iso: string, zone: string): dayjs.Dayjs {
  const w = wallClockIn(iso, zone);
  return dayjs(new Date(w.year, w.month - 1, w.day, w.hour, w.minute));
}

function pickedInstant(d: dayjs.Dayjs, zone: string): string {
  return instantOf({ year: d.year(), month: d.month() + 1, day: d.date(), hour: d.hour(), minute: d.minute() }, zone);
}

function OverlapHelp() {
  const { t } = useTranslation();
  return (
    <>
      <b>{t('taskForm.overlap.forbid')}</b>: {t('taskForm.overlap.forbidHelp')}
      <br />
      <b>{t('taskForm.overlap.allow')}</b>: {t('taskForm.overlap.allowHelp')}
      <br />
      <b>{t('taskForm.overlap.replace')}</b>: {t('taskForm.overlap.replaceHelp')}
    </>
  );
}

/** Every field of a task; the form is the editor's. `type`, `mode` and `kind` pick which fields show. */
export function TaskFormFields({ savedZone, isNew }: { readonly savedZone: string; readonly isNew: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const form = Form.useFormInstance<TaskFormValues>();
  const type = Form.useWatch('type', form);
  const mode = Form.useWatch(['frequency', 'mode'], form);
  const kind = Form.useWatch(['execution_strategy', 'kind'], form);
  // The start time is picked on the task's own clock, as its cron is, not the workstation's.
  const taskZone = (Form.useWatch(['frequency', 'time_zone'], form) as string | undefined) || savedZone || 'UTC';
  const bindings = useBindings((s) => s.bindings);
  const bindingsLoading = useBindings((s) => s.loading && !s.loaded);
  const zones = useMemo(() => timeZoneOptions([savedZone, Intl.DateTimeFormat().resolvedOptions().timeZone]), [savedZone]);
  const mono = { fontFamily: token.fontFamilyCode, fontSize: 12 };
  const bindingOptions = useMemo(
    () => bindings.map((b) => ({ value: b.id, label: `${b.name} — ${b.group_name} / ${b.executor_name}`, title: b.executor_host })),
    [bindings],
  );

  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name="name"
            label={t('tasks.field.name')}
            rules={[
              { required: true, whitespace: true, message: t('taskForm.name.required') },
              { max: limits.name, message: t('taskForm.atMost', { n: limits.name }) },
              { pattern: /^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*$/, message: t('taskForm.name.pattern') },
            ]}
            extra={t('taskForm.name.extra')}
          >
            <Input placeholder={t('taskForm.example', { value: 'nightly-vacuum' })} spellCheck={false} autoFocus />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="type" label={t('tasks.field.type')}>
            <Select
              options={Object.entries(typeLabel).map(([value, label]) => ({ value, label }))}
              onChange={(next: TaskFormValues['type']) => {
                // A new task follows its type's usual frequency until the user picks one.
                if (isNew && !form.isFieldTouched(['frequency', 'mode'])) form.setFieldValue(['frequency', 'mode'], defaultModeFor(next));
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="tag" label={t('tasks.field.tag')} rules={[{ max: limits.tag, message: t('taskForm.atMost', { n: limits.tag }) }]}>
            <Input placeholder={t('taskForm.example', { value: 'maintenance' })} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('taskForm.description')} rules={[{ max: limits.description, message: t('taskForm.atMost', { n: limits.description }) }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>

      {type === 'database_change' ? (
        <>
          <Form.Item name="script" label={t('tasks.field.script')} extra={t('taskForm.script.extra')} rules={[{ required: true, whitespace: true, message: t('taskForm.script.required') }]}>
            <Input.TextArea autoSize={{ minRows: 10, maxRows: 30 }} spellCheck={false} placeholder={t('taskForm.sqlExample')} style={mono} />
          </Form.Item>
          <Form.Item
            name="client_command"
            label={t('taskForm.client.label')}
            extra={t('taskForm.client.extra')}
            rules={[{ max: limits.client_command, message: t('taskForm.atMost', { n: limits.client_command }) }]}
          >
            <Input placeholder={t('taskForm.client.placeholder')} spellCheck={false} style={mono} />
          </Form.Item>
        </>
      ) : type === 'apply_permission' ? (
        <Form.Item
          name="grant_hours"
          label={t('taskForm.grant.label')}
          extra={t('taskForm.grant.extra')}
          rules={[{ required: true, message: t('taskForm.grant.required') }]}
        >
          <InputNumber {...num('grant_hours')} style={{ width: 200 }} />
        </Form.Item>
      ) : (
        <Form.Item name="command" label={t('tasks.field.command')} extra={t('taskForm.command.extra')} rules={[{ required: true, whitespace: true, message: t('taskForm.command.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 16 }} spellCheck={false} placeholder={t('taskForm.example', { value: 'vacuumdb --all --analyze-in-stages' })} style={mono} />
        </Form.Item>
      )}

      <Divider orientation="left" orientationMargin={0} plain style={{ marginTop: 4 }}>
        {t('tasks.field.schedule')}
      </Divider>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name={['frequency', 'mode']} label={t('tasks.field.frequency')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'repeat', label: t('taskForm.mode.repeat') },
                { value: 'countdown', label: t('taskForm.mode.countdown') },
                { value: 'once', label: t('taskForm.mode.once') },
              ]}
            />
          </Form.Item>
        </Col>
        {mode === 'countdown' ? (
          <Col xs={12} md={6}>
            <Form.Item name={['frequency', 'count']} label={t('taskForm.count.label')} extra={t('taskForm.count.extra')} rules={[{ required: true, message: t('taskForm.count.required') }]}>
              <InputNumber {...num('count')} />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name="cron_expression"
            label={t('taskForm.cron.label')}
            extra={mode === 'once' ? `${t('taskForm.cron.extra')} ${t('taskForm.cron.extraOnce')}` : t('taskForm.cron.extra')}
            rules={[{ required: mode !== 'once', whitespace: true, message: t('taskForm.cron.required') }]}
          >
            <Input placeholder={t('taskForm.example', { value: '0 3 * * *' })} spellCheck={false} style={mono} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['frequency', 'time_zone']} label={t('taskForm.zone.label')} extra={t('taskForm.zone.extra')} rules={[{ required: true, message: t('taskForm.zone.required') }]}>
            <Select showSearch options={zones} optionFilterProp="label" placeholder={t('taskForm.example', { value: 'Europe/Berlin' })} />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left" orientationMargin={0} plain>
        {t('taskForm.targets')}
      </Divider>
      <Form.Item
        name="binding_ids"
        label={t('tasks.field.bindings')}
        extra={
          <>
            {t('taskForm.bindings.extra')} <a href={href('/bindings')}>{t('taskForm.bindings.manage')}</a>
          </>
        }
      >
        <Select
          mode="multiple"
          allowClear
          loading={bindingsLoading}
          options={bindingOptions}
          optionFilterProp="label"
          placeholder={t('taskForm.bindings.placeholder')}
          notFoundContent={bindings.length === 0 && !bindingsLoading ? <Typography.Text type="secondary">{t('taskForm.bindings.none')}</Typography.Text> : undefined}
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item name="timeout" label={t('taskForm.timeout.label')} extra={t('taskForm.timeout.extra')}>
            <InputNumber {...num('timeout')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="retry_times" label={t('tasks.field.retries')} extra={t('taskForm.retries.extra')}>
            <InputNumber {...num('retry_times')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="retry_interval" label={t('taskForm.retryInterval')} extra="0–86400">
            <InputNumber {...num('retry_interval')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="dispatch" label={<Hint label={t('tasks.field.dispatch')} tip={t('taskForm.dispatch.tip')} />}>
            <Select
              options={[
                { value: 'all', label: t('taskForm.dispatch.all') },
                { value: 'weighted', label: t('taskForm.dispatch.weighted') },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>

      <Collapse
        size="small"
        ghost
        // Out by the small collapse's own inset, so its arrow and fields line up with the fields above.
        style={{ marginBottom: 12, marginInline: -token.paddingSM }}
        items={[
          {
            key: 'advanced',
            label: t('taskForm.advanced'),
            forceRender: true,
            children: (
              <>
                <Row gutter={12}>
                  <Col xs={12} md={6}>
                    <Form.Item name="overlap_policy" label={<Hint label={t('tasks.field.overlap')} tip={<OverlapHelp />} />}>
                      <Select
                        options={[
                          { value: 'forbid', label: t('taskForm.overlap.forbid') },
                          { value: 'allow', label: t('taskForm.overlap.allow') },
                          { value: 'replace', label: t('taskForm.overlap.replace') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name="maximum_parallel_runnable_num" label={t('taskForm.parallel.label')} extra={t('taskForm.parallel.extra')}>
                      <InputNumber {...num('maximum_parallel_runnable_num')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name="misfire_deadline_seconds"
                      label={<Hint label={t('taskForm.misfire.label')} tip={t('taskForm.misfire.tip')} />}
                      extra="0–604800"
                    >
                      <InputNumber {...num('misfire_deadline_seconds')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name="run_mode" label={<Hint label={t('tasks.field.runMode')} tip={t('taskForm.runMode.tip')} />}>
                      <Select
                        options={[
                          { value: 'tied', label: t('taskForm.runMode.tied') },
                          { value: 'detached', label: t('taskForm.runMode.detached') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={['execution_strategy', 'kind']}
                      label={<Hint label={t('tasks.field.afterApproval')} tip={t('taskForm.strategy.tip')} />}
                    >
                      <Radio.Group
                        options={[
                          { value: 'auto', label: t('taskForm.strategy.auto') },
                          { value: 'manual', label: t('taskForm.strategy.manual') },
                          { value: 'at', label: t('taskForm.strategy.at') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  {kind === 'at' ? (
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={['execution_strategy', 'at']}
                        label={t('taskForm.startAt.label')}
                        rules={[{ required: true, message: t('taskForm.startAt.required') }]}
                        getValueProps={(v: string | null | undefined) => ({ value: v ? pickerValue(v, taskZone) : null })}
                        normalize={(d: dayjs.Dayjs | null) => (d ? pickedInstant(d, taskZone) : null)}
                        extra={t('taskForm.startAt.extra', { zone: taskZone })}
                      >
                        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  ) : null}
                </Row>
              </>
            ),
          },
        ]}
      />
    </>
  );
}
