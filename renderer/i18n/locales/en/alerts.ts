import { alertEventNamesEn } from '../../../../shared/domain/alerts';

/** Alert channels and rules, the delivery log, the notification centre and approval reminders. */
export const alerts = {
  event: alertEventNamesEn,
  kind: { in_app: 'In-app', desktop: 'Desktop', webhook: 'Webhook' },
  format: {
    generic: 'Generic JSON (signed with X-Taskdeck-Signature)', slack: 'Slack-compatible', dingtalk: 'DingTalk (钉钉)', feishu: 'Feishu (飞书)', wecom: 'WeCom (企业微信)',
  },
  formatShort: { generic: 'Generic JSON', slack: 'Slack-compatible', dingtalk: 'DingTalk', feishu: 'Feishu', wecom: 'WeCom' },
  secretHelp: {
    generic: 'The body is signed: X-Taskdeck-Signature: sha256=<HMAC-SHA256 of the body>.',
    slack: 'Slack does not check signatures; a secret adds X-Taskdeck-Signature for a relay that does.',
    dingtalk: 'The robot\'s 加签 secret (SEC…): timestamp and sign are added to the URL.',
    feishu: 'The bot\'s 签名校验 secret: timestamp and sign are put in the body.',
    wecom: 'WeCom has no signature; its key is part of the URL.',
  },
  notSaved: 'Not saved',
  rules: {
    emptyWorkspace: 'No rule for every task yet', emptyTask: 'No alert for this task yet',
    channel: 'Channel', on: 'On', onOff: 'On/off', deleteConfirm: 'Delete this rule?', delete: 'Delete rule',
    noChannels: 'An admin or DBA adds channels in Settings → Notifications', add: 'Add rule', taskCard: 'Alerts',
  },
  channel: {
    edit: 'Edit channel {{name}}', add: 'Add a channel', name: 'Name', nameRequired: 'Name the channel', kind: 'Kind', format: 'Format',
    url: 'URL', urlHint: 'http or https; no user name or password in it.', urlRequired: 'The webhook\'s URL',
    secret: 'Signing secret', secretSet: '({{state}}; leave empty to keep)', set: 'set', notSet: 'not set', removeSecret: 'Remove the secret',
    inApp: 'Alerts appear in the notification centre of the task\'s owner and of who ran it; approvals, of those who may decide them. No desktop pop-up.',
    desktop: 'The same people get a notification on their desktop (from the desktop app, or from this browser once allowed) and the entry in the notification centre.',
    group: 'Group repeats within (seconds)',
    groupHint: 'Repeats of one task\'s alert within this window become one message (“failed 25 times since 14:02”). 0: every one is sent.',
    enabled: 'Enabled',
  },
  log: {
    refresh: 'Refresh', empty: 'Nothing sent yet', at: 'At', status: 'Status', latency: 'Latency', error: 'Error', answer: 'Answer (first 1 KiB)',
    created: 'Created', channel: 'Channel', message: 'Message', state: 'State', nextTry: 'Next try',
    retrying: 'retrying ({{n}} tried)', sent: 'sent', pending: 'pending', failed: 'failed',
  },
  card: {
    title: 'Notifications', addChannel: 'Add channel', tabChannels: 'Channels', tabRules: 'Rules for every task', tabLog: 'Delivery log',
    empty: 'No channel yet', name: 'Name', kind: 'Kind', url: 'URL', secret: 'Secret', off: 'off',
    sendTest: 'Send test', edit: 'Edit {{name}}', delete: 'Delete {{name}}', deleteConfirm: 'Delete {{name}}?', deleteText: 'Its rules and delivery log go with it.',
    readOnly: 'Channels are managed by admins and DBAs; you may add alerts to your own tasks on their page.',
    testSent: 'Test sent to {{name}}', testSentHttp: 'Test sent to {{name}} (HTTP {{status}}, {{ms}} ms)',
    testRetrying: 'Test to {{name}} failed; it will be tried again: {{error}}', testFailed: 'Test to {{name}} failed: {{error}}', unknownError: 'unknown error',
  },
  desktopNote: {
    ask: 'Desktop channels pop up in this browser only once you allow it; until then their alerts reach the notification centre only.',
    allow: 'Allow desktop notifications',
    on: 'Desktop notifications are allowed in this browser.',
    denied: 'Desktop notifications are blocked for this page, so desktop alerts reach only the notification centre. Allow notifications for this site in the browser\'s settings, then reload.',
    unsupported: 'This browser cannot show desktop notifications; desktop alerts reach only the notification centre.',
  },
  bell: {
    title: 'Notifications', unread: 'Notifications: {{n}} unread', markAll: 'Mark all read', couldNotRefresh: 'Could not refresh',
    empty: 'No notifications. Reminders before approval windows lapse appear here.', older: 'Show older', unreadItem: 'Unread: {{title}}',
    desktopOn: 'Desktop notifications on', desktopBlocked: 'Desktop notifications blocked',
    desktopBlockedHint: 'Allow notifications for this page in the browser\'s site settings to get them on the desktop.', desktopAsk: 'Show on desktop too',
  },
  reminders: {
    title: 'Reminders',
    text: 'Before a change request\'s approval, wait or execution window lapses, the approvers who can act and the requester get a notification here and on the desktop. Nothing is sent over the network.',
    remind: 'Remind', percent: 'At % left', minutes: 'At minutes left', minutesUnit: 'min', none: 'none', save: 'Save', saved: 'Saved',
    needsAdmin: 'Administrators change when reminders are due.',
  },
} as const;
