import type { Messages } from '../../messages';
import type { alerts as en } from '../en/alerts';

export const alerts: Messages<typeof en> = {
  event: { failure: '失败', timeout: '超时', retries_exhausted: '重试耗尽', success: '成功', approval_waiting: '有待我审批的申请' },
  kind: { in_app: '应用内', desktop: '桌面', webhook: 'Webhook' },
  format: {
    generic: '通用 JSON（以 X-Taskdeck-Signature 签名）', slack: 'Slack 兼容', dingtalk: '钉钉（DingTalk）', feishu: '飞书（Feishu）', wecom: '企业微信（WeCom）',
  },
  formatShort: { generic: '通用 JSON', slack: 'Slack 兼容', dingtalk: '钉钉', feishu: '飞书', wecom: '企业微信' },
  secretHelp: {
    generic: '请求体会被签名：X-Taskdeck-Signature: sha256=<请求体的 HMAC-SHA256>。',
    slack: 'Slack 不校验签名；设置密钥后会加上 X-Taskdeck-Signature，供会校验的中转服务使用。',
    dingtalk: '机器人的“加签”密钥（SEC…）：timestamp 和 sign 会加到 URL 上。',
    feishu: '机器人的“签名校验”密钥：timestamp 和 sign 会放进请求体。',
    wecom: '企业微信没有签名；它的 key 是 URL 的一部分。',
  },
  notSaved: '未保存',
  rules: {
    emptyWorkspace: '还没有适用于所有任务的规则', emptyTask: '此任务还没有告警',
    channel: '通道', on: '触发条件', onOff: '启用', deleteConfirm: '删除这条规则？', delete: '删除规则',
    noChannels: '通道由管理员或 DBA 在“设置 → 通知”中添加', add: '添加规则', taskCard: '告警',
  },
  channel: {
    edit: '编辑通道 {{name}}', add: '添加通道', name: '名称', nameRequired: '请为通道命名', kind: '类型', format: '格式',
    url: 'URL', urlHint: 'http 或 https；不能包含用户名或密码。', urlRequired: '请填写 Webhook 的 URL',
    secret: '签名密钥', secretSet: '（{{state}}；留空则保持不变）', set: '已设置', notSet: '未设置', removeSecret: '移除密钥',
    inApp: '告警出现在任务所有者和发起运行者的通知中心；审批提醒则出现在有权审批的人那里。不弹出桌面通知。',
    desktop: '同样的人会在桌面上收到通知（来自桌面应用，或在允许后来自此浏览器），通知中心里也有一条记录。',
    group: '合并此时间内的重复告警（秒）',
    groupHint: '同一任务的告警在此时间窗口内重复出现时合并为一条消息（“自 14:02 起失败 25 次”）。0：每条都发送。',
    enabled: '启用',
  },
  log: {
    refresh: '刷新', empty: '尚未发送任何消息', at: '时间', status: '状态码', latency: '耗时', error: '错误', answer: '响应（前 1 KiB）',
    created: '创建时间', channel: '通道', message: '消息', state: '状态', nextTry: '下次尝试',
    retrying: '重试中（已尝试 {{n}} 次）', sent: '已发送', pending: '待发送', failed: '失败',
  },
  card: {
    title: '通知', addChannel: '添加通道', tabChannels: '通道', tabRules: '适用于所有任务的规则', tabLog: '投递日志',
    empty: '还没有通道', name: '名称', kind: '类型', url: 'URL', secret: '密钥', off: '已停用',
    sendTest: '发送测试', edit: '编辑 {{name}}', delete: '删除 {{name}}', deleteConfirm: '删除 {{name}}？', deleteText: '它的规则和投递日志会一并删除。',
    readOnly: '通道由管理员和 DBA 管理；你可以在自己任务的页面上为其添加告警。',
    testSent: '测试消息已发送到 {{name}}', testSentHttp: '测试消息已发送到 {{name}}（HTTP {{status}}，{{ms}} ms）',
    testRetrying: '发送到 {{name}} 的测试失败，稍后将重试：{{error}}', testFailed: '发送到 {{name}} 的测试失败：{{error}}', unknownError: '未知错误',
  },
  desktopNote: {
    ask: '只有在您允许后，桌面渠道才会在此浏览器中弹出通知；在此之前，其告警只进入通知中心。',
    allow: '允许桌面通知',
    on: '此浏览器已允许桌面通知。',
    denied: '此页面的桌面通知已被阻止，桌面告警只会进入通知中心。请在浏览器的网站设置中允许通知，然后重新加载。',
    unsupported: '此浏览器无法显示桌面通知；桌面告警只会进入通知中心。',
  },
  bell: {
    title: '通知', unread: '通知：{{n}} 条未读', markAll: '全部标为已读', couldNotRefresh: '无法刷新',
    empty: '没有通知。审批时限到期前的提醒会显示在这里。', older: '显示更早的', unreadItem: '未读：{{title}}',
    desktopOn: '桌面通知已开启', desktopBlocked: '桌面通知已被阻止',
    desktopBlockedHint: '在浏览器的网站设置中允许此页面发送通知，即可在桌面上收到。', desktopAsk: '也在桌面上显示',
  },
  reminders: {
    title: '提醒',
    text: '在变更申请的审批、等待或执行时限到期前，可以处理的审批人和申请人会在这里和桌面上收到通知。不会通过网络发送任何内容。',
    remind: '提醒', percent: '剩余百分比', minutes: '剩余分钟数', minutesUnit: '分钟', none: '无', save: '保存', saved: '已保存',
    needsAdmin: '由管理员设置何时提醒。',
  },
};
