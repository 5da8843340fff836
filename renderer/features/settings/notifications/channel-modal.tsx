import { Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WebhookFormat, webhookUrlProblem, type Channel, type ChannelKind } from '../../../../shared/domain/alerts';
import { call } from '../../../api/session-call';
import { ErrorAlert } from '../../../components/error-alert';
import { errorMessage } from '../../../lib/errors';
import { DesktopPermissionNote } from '../../notifications/desktop-permission-note';

interface ChannelForm {
  name: string;
  kind: ChannelKind;
  webhook_format: WebhookFormat;
  url?: string;
  secret?: string;
  clear_secret: boolean;
  enabled: boolean;
  group_window_seconds: number;
}

/** Add a channel, or edit one (`channel`): its secret is never shown, only replaced or removed. */
export function ChannelModal({ channel, onClose, onSaved }: { readonly channel: Channel | null; readonly onClose: () => void; readonly onSaved: (c: Channel) => void }) {
  const [form] = Form.useForm<ChannelForm>();
  const { t } = useTranslation();
  const kind = Form.useWatch('kind', form) ?? channel?.kind ?? 'webhook';
  const format = Form.useWatch('webhook_format', form) ?? channel?.webhook_format ?? 'generic';
  const clearing = Form.useWatch('clear_secret', form);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: ChannelForm): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const hook = v.kind === 'webhook' ? { webhook_format: v.webhook_format, url: v.url?.trim() } : {};
      const common = { name: v.name, enabled: v.enabled, group_window_seconds: v.group_window_seconds, ...hook };
      onSaved(channel
        ? await call('channels.update', { id: channel.id, ...common, ...(v.clear_secret ? { secret: null } : v.secret ? { secret: v.secret } : {}) })
        : await call('channels.create', { kind: v.kind, ...common, ...(v.kind === 'webhook' && v.secret ? { secret: v.secret } : {}) }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const initial: ChannelForm = channel
    ? { name: channel.name, kind: channel.kind, webhook_format: channel.webhook_format ?? 'generic', url: channel.url ?? undefined, clear_secret: false, enabled: channel.enabled, group_window_seconds: channel.group_window_seconds }
    : { name: '', kind: 'webhook', webhook_format: 'generic', clear_secret: false, enabled: true, group_window_seconds: 600 };
  return (
    <Modal open title={channel ? t('alerts.channel.edit', { name: channel.name }) : t('alerts.channel.add')} okText={t('common.action.save')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} width={640} destroyOnHidden>
      {error ? <ErrorAlert title={t('alerts.notSaved')} message={error} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label={t('alerts.channel.name')} rules={[{ required: true, whitespace: true, message: t('alerts.channel.nameRequired') }, { max: 64 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('alerts.channel.kind')}>
          <Radio.Group disabled={channel !== null} options={(['webhook', 'in_app', 'desktop'] as const).map((k) => ({ value: k, label: t(`alerts.kind.${k}`) }))} />
        </Form.Item>
        {kind === 'webhook' ? (
          <>
            <Form.Item name="webhook_format" label={t('alerts.channel.format')}>
              <Select options={WebhookFormat.options.map((f) => ({ value: f, label: t(`alerts.format.${f}`) }))} />
            </Form.Item>
            <Form.Item
              name="url"
              label={t('alerts.channel.url')}
              extra={t('alerts.channel.urlHint')}
              rules={[{ required: true, message: t('alerts.channel.urlRequired') }, { validator: async (_, v: string | undefined) => { const p = v ? webhookUrlProblem(v.trim()) : null; if (p) throw new Error(p); } }]}
            >
              <Input autoComplete="off" placeholder="https://oapi.dingtalk.com/robot/send?access_token=…" />
            </Form.Item>
            <Form.Item
              name="secret"
              label={<>{t('alerts.channel.secret')} {channel ? <Typography.Text type="secondary">&nbsp;{t('alerts.channel.secretSet', { state: channel.secret_set ? t('alerts.channel.set') : t('alerts.channel.notSet') })}</Typography.Text> : null}</>}
              extra={t(`alerts.secretHelp.${format}`)}
            >
              <Input.Password autoComplete="new-password" disabled={clearing || format === 'wecom'} />
            </Form.Item>
            {channel?.secret_set ? (
              <Form.Item name="clear_secret" valuePropName="checked" label={t('alerts.channel.removeSecret')}>
                <Switch size="small" />
              </Form.Item>
            ) : null}
          </>
        ) : (
          <>
            <Typography.Paragraph type="secondary">
              {kind === 'in_app' ? t('alerts.channel.inApp') : t('alerts.channel.desktop')}
            </Typography.Paragraph>
            {kind === 'desktop' ? <div style={{ marginBottom: 16 }}><DesktopPermissionNote /></div> : null}
          </>
        )}
        <Form.Item name="group_window_seconds" label={t('alerts.channel.group')} extra={t('alerts.channel.groupHint')}>
          <InputNumber min={0} max={86_400} step={60} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="enabled" valuePropName="checked" label={t('alerts.channel.enabled')}>
          <Switch size="small" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
