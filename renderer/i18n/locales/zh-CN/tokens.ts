import type { Messages } from '../../messages';
import type { tokens as en } from '../en/tokens';

export const tokens: Messages<typeof en> = {
  tab: 'API 令牌',
  title: 'API 令牌',
  reload: '重新加载令牌',
  create: '新建令牌',
  empty: '还没有 API 令牌。为每个调用 Taskdeck 的插件或脚本各建一个，只给它需要的权限范围。',
  col: { name: '名称', owner: '代表用户', scopes: '权限范围', created: '创建时间', lastUsed: '最近使用', expires: '过期时间', status: '状态', actions: '操作' },
  createdBy: '由 {{user}} 创建',
  status: { active: '有效', expired: '已过期', revokedBy: '已被 {{user}} 吊销', revokedAt: '吊销于 {{time}}', someone: '某人' },
  revoke: {
    action: '吊销', aria: '吊销 {{name}}', title: '吊销 API 令牌 {{name}}？',
    content: '它的下一个请求将被拒绝（token_revoked），无论正在做什么。使用它的插件将停止工作，直到换上新令牌。此操作无法撤销。',
    done: '已吊销 {{name}}', failed: '{{name}} 未能吊销',
  },
  level: {
    title: '请求签名', name: '安全级别', changed: '安全级别 {{level}}',
    text: '级别 0：请求携带令牌。级别 1：每个请求都用令牌的密钥签名（对方法、路径、时间、随机数和请求体做 HMAC-SHA256），密钥从不发送；截获的请求无法重放或篡改。适用于 HTTP API（浏览器模式、CLI、插件）；桌面应用通过 IPC 与核心通信。本控制台会自动签名；插件也必须签名（见 README）。',
    l0: '级别 0：Bearer 令牌', l1: '级别 1：签名请求',
    pinned: '由 TASKDECK_SECURITY_LEVEL 设定；请在那里修改并重启。',
    needsAdmin: '修改需要 system:admin 权限。',
  },
  form: {
    title: '新建 API 令牌', ok: '创建令牌',
    intro: '插件以令牌所有者的身份、在这里选定的权限范围内调用 API。任何令牌都不能批准或驳回变更申请。',
    name: '名称', nameRequired: '请以使用它的插件为令牌命名', nameHint: '它做的每项变更都以此名称记入审计。',
    owner: '代表用户', ownerHint: '令牌的权限永远不超过该用户的角色，角色变更后也是如此。',
    scopes: '权限范围', scopesRequired: '至少选择一个权限范围', notGranted: '（{{user}} 的角色未授予）',
    expires: '有效期', days: '{{n}} 天',
  },
  scope: {
    read: '读取已登录只读用户可见的全部内容',
    runs: '发起运行并取消运行',
    tasks: '创建、编辑、启动和停止任务',
    'jobs-inject': '添加外部作业和步骤并结束它们',
    hosts: '添加、编辑和删除主机',
    groups: '编辑分组和绑定',
  },
  secret: {
    title: 'API 令牌 {{name}} 已创建', done: '我已保存',
    warning: '请立即复制此令牌：它只显示这一次',
    warningText: 'Taskdeck 只保存其哈希，无法再次显示。请把它存放到插件读取密钥的地方；如果丢失，请吊销后重新创建。',
    copy: '复制令牌', copied: '已复制', aria: '新 API 令牌',
    summary: '代表 {{owner}}，权限范围 {{scopes}}；过期时间 {{time}}。',
  },
};
