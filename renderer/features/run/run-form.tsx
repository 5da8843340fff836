import { QuestionCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Collapse, Flex, Form, Input, InputNumber, Radio, Select, Tag, theme, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { applyApiError } from '../../lib/form-errors';
import { runKey, runStore, useRun, type RunDraft } from '../../stores/run-store';
import { useCan } from '../../stores/session-store';
import { logLimitBytes, toRunTargets } from './run-targets';
import { TargetSelect } from './target-select';
import { useConfirmRun } from './use-confirm-run';
import { useRunDefaults } from './use-run-defaults';
import { useTranslation } from 'react-i18next';

type Values = { -readonly [K in keyof RunDraft]: RunDraft[K] extends readonly (infer E)[] ? E[] : RunDraft[K] };

/** Server field paths the form shows errors on. */
const fields = ['targets', 'command', 'timeout', 'mode', 'log_limit_mb', 'log_policy', 'secrets'] as const;
const aliases = { 'targets.host_ids': 'targets', 'targets.group_ids': 'targets', log_limit_bytes: 'log_limit_mb' };

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function ModeHelp() {
  const { t } = useTranslation();
  return (
    <>
      <b>{t('taskForm.runMode.tied')}</b>: {t('run.tiedHelp')}
      <br />
      <b>{t('taskForm.runMode.detached')}</b>: {t('run.detachedHelp')}
    </>
  );
}

function SecretTag({ closable, onClose }: { readonly closable: boolean; readonly onClose: () => void }) {
  return (
    <Tag closable={closable} onClose={onClose} style={{ marginInlineEnd: 4 }} onMouseDown={(e) => e.preventDefault()}>
      ••••••
    </Tag>
  );
}

/** The Run form: targets, command, timeout, mode, advanced log options. Kept as left (in memory) so "Run again" is one click. */
export function RunForm() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [form] = Form.useForm<Values>();
  const draft = useRun((s) => s.draft);
  const starting = useRun((s) => s.starting);
  const hasRun = useRun((s) => s.current !== null);
  const lastKey = useRun((s) => s.current?.key);
  const confirmRun = useConfirmRun();
  const [confirming, setConfirming] = useState(false);
  useRunDefaults(form);
  const canRun = useCan('runs:execute');
  const [formError, setFormError] = useState<string | null>(null);
  const targets = Form.useWatch('targets', form);
  const command = Form.useWatch('command', form);
  const ready = Boolean(targets?.length && command?.trim());

  const submit = async (v: Values): Promise<void> => {
    setFormError(null);
    const targets = toRunTargets(v.targets);
    try {
      setConfirming(true);
      const go = await confirmRun(targets, { again: runKey({ targets, command: v.command }) === lastKey }).finally(() => setConfirming(false));
      if (!go) return;
      await runStore.getState().start({
        targets,
        command: v.command,
        timeout: v.timeout ?? 0,
        mode: v.mode,
        log_limit_bytes: logLimitBytes(v.log_limit_mb),
        log_policy: v.log_policy,
        secrets: v.secrets ?? [],
      });
    } catch (err) {
      setFormError(applyApiError(form, err, fields, aliases));
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={draft as Values}
      onValuesChange={() => runStore.getState().setDraft(form.getFieldsValue(true) as RunDraft)}
      onFinish={(v) => void submit(v)}
      disabled={!canRun}
    >
      {!canRun ? <Alert type="info" showIcon message={t('run.cannotRun')} style={{ marginBottom: 12 }} /> : null}
      <Form.Item
        name="targets"
        label={t('run.targets')}
        rules={[{ required: true, message: t('run.targetsRequired') }]}
        extra={t('run.targetsExtra')}
      >
        <TargetSelect />
      </Form.Item>
      <Form.Item
        name="command"
        label={t('tasks.field.command')}
        rules={[{ required: true, whitespace: true, message: t('taskForm.command.required') }]}
        extra={t('run.commandExtra', { key: isMac ? '⌘' : 'Ctrl' })}
      >
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 14 }}
          spellCheck={false}
          placeholder={t('run.commandPlaceholder')}
          style={{ fontFamily: token.fontFamilyCode, fontSize: 12 }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              if (ready && !starting && !confirming) form.submit();
            }
          }}
        />
      </Form.Item>
      <Flex gap={24} wrap align="flex-start">
        <Form.Item name="timeout" label={t('taskForm.timeout.label')} extra={t('run.timeoutExtra')} style={{ width: 180 }}>
          <InputNumber min={0} max={7 * 86400} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="mode"
          label={
            <Flex gap={6} align="center">
              {t('instances.field.mode')}
              <Tooltip title={<ModeHelp />}>
                <QuestionCircleOutlined aria-hidden style={{ color: token.colorTextTertiary }} />
              </Tooltip>
            </Flex>
          }
        >
          <Radio.Group
            optionType="button"
            options={[
              { value: 'tied', label: t('taskForm.runMode.tied') },
              { value: 'detached', label: t('taskForm.runMode.detached') },
            ]}
          />
        </Form.Item>
      </Flex>
      <Collapse
        size="small"
        ghost
        style={{ marginBottom: 12, marginInline: -12 }}
        items={[
          {
            key: 'advanced',
            label: t('run.advanced'),
            forceRender: true,
            children: (
              <Flex gap={24} wrap align="flex-start">
                <Form.Item name="log_limit_mb" label={t('run.logLimit')} extra={t('run.logLimitExtra')} style={{ width: 180 }}>
                  <InputNumber min={1} max={65536} precision={0} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="log_policy" label={t('run.logPolicy')}>
                  <Radio.Group
                    options={[
                      { value: 'truncate', label: t('run.truncate') },
                      { value: 'halt', label: t('run.halt') },
                    ]}
                  />
                </Form.Item>
                <Form.Item
                  name="secrets"
                  label={t('run.secrets')}
                  extra={t('run.secretsExtra')}
                  rules={[{ validator: async (_r, v: string[] | undefined) => { if (v?.some((s) => s.length < 4)) throw new Error(t('run.secretShort')); } }]}
                  style={{ flex: '1 1 320px', minWidth: 280 }}
                >
                  <Select mode="tags" open={false} suffixIcon={null} placeholder={t('run.secretPlaceholder')} tagRender={(p) => <SecretTag closable={p.closable} onClose={p.onClose} />} />
                </Form.Item>
              </Flex>
            ),
          },
        ]}
      />
      {formError ? <Alert type="error" showIcon message={t('instances.rerun.failed')} description={formError} style={{ marginBottom: 12 }} closable onClose={() => setFormError(null)} /> : null}
      <Flex gap={12} align="center">
        <Button type="primary" htmlType="submit" icon={<ThunderboltOutlined aria-hidden />} loading={starting || confirming} disabled={!ready || !canRun}>
          {t('run.run')}
        </Button>
        {hasRun ? <Typography.Text type="secondary">{t('run.keepsValues')}</Typography.Text> : null}
      </Flex>
    </Form>
  );
}
