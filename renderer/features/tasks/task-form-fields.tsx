import { QuestionCircleOutlined } from '@ant-design/icons';
import { Col, Collapse, DatePicker, Divider, Flex, Form, Input, InputNumber, Radio, Row, Select, theme, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, type ReactNode } from 'react';
import { href } from '../../app/hash-route';
import { useBindings } from '../../stores/bindings-store';
import { limits, type TaskFormValues } from './task-form-model';
import { typeLabel } from './task-view';
import { timeZoneOptions } from './time-zones';

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

const overlapHelp = (
  <>
    <b>Forbid</b>: a slot is skipped while a run of this task is still going.
    <br />
    <b>Allow</b>: runs may overlap up to the parallel limit; further slots are skipped.
    <br />
    <b>Replace</b>: running runs are cancelled, then the new one starts.
  </>
);

/** Every field of a task; the form is the editor's. `type`, `mode` and `kind` pick which fields show. */
export function TaskFormFields({ savedZone }: { readonly savedZone: string }) {
  const { token } = theme.useToken();
  const form = Form.useFormInstance<TaskFormValues>();
  const type = Form.useWatch('type', form);
  const mode = Form.useWatch(['frequency', 'mode'], form);
  const kind = Form.useWatch(['execution_strategy', 'kind'], form);
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
            label="Name"
            rules={[
              { required: true, whitespace: true, message: 'Name the task' },
              { max: limits.name, message: `At most ${limits.name} characters` },
              { pattern: /^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*$/, message: 'Letters, digits, ".", "_" and "-", starting with a letter or digit' },
            ]}
            extra="The task's key: letters, digits, . _ -"
          >
            <Input placeholder="nightly-vacuum" spellCheck={false} autoFocus />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="type" label="Type">
            <Select options={Object.entries(typeLabel).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="tag" label="Tag" rules={[{ max: limits.tag, message: `At most ${limits.tag} characters` }]}>
            <Input placeholder="maintenance" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label="Description" rules={[{ max: limits.description, message: `At most ${limits.description} characters` }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>

      {type === 'database_change' ? (
        <>
          <Form.Item name="script" label="Script" extra="SQL sent on stdin to the client command, on each host." rules={[{ required: true, whitespace: true, message: 'Write the SQL to run' }]}>
            <Input.TextArea autoSize={{ minRows: 10, maxRows: 30 }} spellCheck={false} placeholder={'BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;'} style={mono} />
          </Form.Item>
          <Form.Item
            name="client_command"
            label="Client command"
            extra="Reads the script on stdin, e.g. psql -v ON_ERROR_STOP=1 -f - (stop at the first error). Leave it empty to use each bound host's own client command (set on the host)."
            rules={[{ max: limits.client_command, message: `At most ${limits.client_command} characters` }]}
          >
            <Input placeholder="Empty: each host's own client command" spellCheck={false} style={mono} />
          </Form.Item>
        </>
      ) : type === 'apply_permission' ? (
        <Form.Item
          name="grant_hours"
          label="Grant hours"
          extra="Once an approval process of type apply_permission approves it, the requester may run commands on the bound hosts for this long (1–720 hours). Needs such a process."
          rules={[{ required: true, message: 'How long does the grant last?' }]}
        >
          <InputNumber {...num('grant_hours')} style={{ width: 200 }} />
        </Form.Item>
      ) : (
        <Form.Item name="command" label="Command" extra="Runs with sh on each bound host, in its own process group." rules={[{ required: true, whitespace: true, message: 'Write the command to run' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 16 }} spellCheck={false} placeholder="vacuumdb --all --analyze-in-stages" style={mono} />
        </Form.Item>
      )}

      <Divider orientation="left" orientationMargin={0} plain style={{ marginTop: 4 }}>
        Schedule
      </Divider>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name="cron_expression"
            label="Cron expression"
            extra="5 fields (minute hour day month weekday), or 6 with seconds first. Empty: a one-off runs when started."
            rules={[{ required: mode !== 'once', whitespace: true, message: 'A repeating task needs a cron expression' }]}
          >
            <Input placeholder="0 3 * * *" spellCheck={false} style={mono} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['frequency', 'time_zone']} label="Time zone" extra="The cron expression is read in this zone (DST included)." rules={[{ required: true, message: 'Pick a time zone' }]}>
            <Select showSearch options={zones} optionFilterProp="label" placeholder="Europe/Berlin" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name={['frequency', 'mode']} label="Frequency">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'repeat', label: 'Repeat' },
                { value: 'countdown', label: 'Countdown' },
                { value: 'once', label: 'Once' },
              ]}
            />
          </Form.Item>
        </Col>
        {mode === 'countdown' ? (
          <Col xs={12} md={6}>
            <Form.Item name={['frequency', 'count']} label="Count" extra="Runs, then it stops" rules={[{ required: true, message: 'How many runs?' }]}>
              <InputNumber {...num('count')} />
            </Form.Item>
          </Col>
        ) : null}
      </Row>

      <Divider orientation="left" orientationMargin={0} plain>
        Targets and limits
      </Divider>
      <Form.Item
        name="binding_ids"
        label="Bindings"
        extra={
          <>
            Hosts the task runs on, through their group bindings. <a href={href('/bindings')}>Manage bindings</a>
          </>
        }
      >
        <Select
          mode="multiple"
          allowClear
          loading={bindingsLoading}
          options={bindingOptions}
          optionFilterProp="label"
          placeholder="Pick bindings"
          notFoundContent={bindings.length === 0 && !bindingsLoading ? <Typography.Text type="secondary">No bindings yet: bind a host to a group first.</Typography.Text> : undefined}
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item name="timeout" label="Timeout (seconds)" extra="0 = none; at most 7 days">
            <InputNumber {...num('timeout')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="retry_times" label="Retries" extra="Of a failed or timed-out run, 0–20">
            <InputNumber {...num('retry_times')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="retry_interval" label="Retry interval (s)" extra="0–86400">
            <InputNumber {...num('retry_interval')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="dispatch" label={<Hint label="Dispatch" tip="All: every bound host runs it. Weighted: one host per run, picked by binding weight." />}>
            <Select
              options={[
                { value: 'all', label: 'All hosts' },
                { value: 'weighted', label: 'One, by weight' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>

      <Collapse
        size="small"
        ghost
        style={{ marginBottom: 12, marginInline: -12 }}
        items={[
          {
            key: 'advanced',
            label: 'Overlap, misfire, run mode, approval',
            forceRender: true,
            children: (
              <>
                <Row gutter={12}>
                  <Col xs={12} md={6}>
                    <Form.Item name="overlap_policy" label={<Hint label="Overlap" tip={overlapHelp} />}>
                      <Select
                        options={[
                          { value: 'forbid', label: 'Forbid' },
                          { value: 'allow', label: 'Allow' },
                          { value: 'replace', label: 'Replace' },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name="maximum_parallel_runnable_num" label="Parallel runs" extra="With Allow: 1–1000">
                      <InputNumber {...num('maximum_parallel_runnable_num')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name="misfire_deadline_seconds"
                      label={<Hint label="Misfire deadline (s)" tip="A slot missed (Taskdeck was down) by less than this runs once at start-up; older ones are recorded as missed." />}
                      extra="0–604800"
                    >
                      <InputNumber {...num('misfire_deadline_seconds')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name="run_mode" label={<Hint label="Run mode" tip="Tied: the remote command ends with Taskdeck's SSH session. Detached: it keeps running and Taskdeck re-attaches." />}>
                      <Select
                        options={[
                          { value: 'tied', label: 'Tied' },
                          { value: 'detached', label: 'Detached' },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={['execution_strategy', 'kind']}
                      label={<Hint label="After approval" tip="Only when an approval process governs this task: what happens once its change request is approved." />}
                    >
                      <Radio.Group
                        options={[
                          { value: 'auto', label: 'Start at once' },
                          { value: 'manual', label: 'I start it' },
                          { value: 'at', label: 'At a time' },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  {kind === 'at' ? (
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={['execution_strategy', 'at']}
                        label="Start at"
                        rules={[{ required: true, message: 'Pick when it starts' }]}
                        getValueProps={(v: string | null | undefined) => ({ value: v ? dayjs(v) : null })}
                        normalize={(d: dayjs.Dayjs | null) => (d ? d.toISOString() : null)}
                        extra="Your local time"
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
