import type { AlertEvent, ChannelKind, WebhookFormat } from '../../../../shared/domain/alerts';

/** Words a DBA reads for each event, channel kind and webhook format. */
export const eventLabels: Readonly<Record<AlertEvent, string>> = {
  failure: 'Failed',
  timeout: 'Timed out',
  retries_exhausted: 'Retries exhausted',
  success: 'Succeeded',
  approval_waiting: 'Approval waiting for me',
};

export const kindLabels: Readonly<Record<ChannelKind, string>> = { in_app: 'In-app', desktop: 'Desktop', webhook: 'Webhook' };

export const formatLabels: Readonly<Record<WebhookFormat, string>> = {
  generic: 'Generic JSON (signed with X-Taskdeck-Signature)',
  slack: 'Slack-compatible',
  dingtalk: 'DingTalk (钉钉)',
  feishu: 'Feishu (飞书)',
  wecom: 'WeCom (企业微信)',
};

/** How each format uses a secret, shown where it is entered. */
export const secretHelp: Readonly<Record<WebhookFormat, string>> = {
  generic: 'The body is signed: X-Taskdeck-Signature: sha256=<HMAC-SHA256 of the body>.',
  slack: 'Slack does not check signatures; a secret adds X-Taskdeck-Signature for a relay that does.',
  dingtalk: 'The robot\'s 加签 secret (SEC…): timestamp and sign are added to the URL.',
  feishu: 'The bot\'s 签名校验 secret: timestamp and sign are put in the body.',
  wecom: 'WeCom has no signature; its key is part of the URL.',
};
