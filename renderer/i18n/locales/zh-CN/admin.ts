import type { Messages } from '../../messages';
import type { audit as enAudit, keys as enKeys, users as enUsers } from '../en/admin';

export const users: Messages<typeof enUsers> = {
  subtitle: '本地账号及其角色。审批节点按角色指定审批人，因此这里设置的自定义角色决定谁可以审批什么。',
  new: '新建用户', search: '搜索名称、邮箱、手机', searchAria: '搜索用户', anyRole: '全部角色', roleFilter: '角色筛选',
  noMatch: '没有符合条件的用户。', active: '正常', disabled: '已停用', created: '已创建 {{name}}',
  adminOnly: '仅限管理员', adminOnlyText: '管理用户需要 users:admin 权限。',
  field: { nick: '昵称', email: '邮箱', mobile: '手机', roles: '角色' },
  editAria: '编辑 {{name}}', resetAria: '重置 {{name}} 的密码', resetPassword: '重置密码',
  reset: {
    done: '已为 {{name}} 设置新密码；其会话已全部结束', title: '重置 {{name}} 的密码', ok: '设置密码',
    text: '其已打开的会话会结束；需要用新密码重新登录。', password: '新密码', required: '请输入新密码', repeat: '再次输入',
  },
  toggle: {
    disableTitle: '停用 {{name}}？', enableTitle: '启用 {{name}}？',
    disableText: '该用户将无法登录，已打开的会话立即结束。其提交的申请保持不变。', enableText: '该用户可以用原密码重新登录。',
    disable: '停用', enable: '启用', disabled: '已停用 {{name}}', enabled: '已启用 {{name}}', notDisabled: '未能停用 {{name}}', notEnabled: '未能启用 {{name}}',
    disableAria: '停用 {{name}}', enableAria: '启用 {{name}}',
  },
  form: {
    editTitle: '编辑用户 {{name}}', notSaved: '用户未保存', cannotChange: '不可修改', nameHint: '可使用字母、数字、“.”、“_”和“-”',
    nameRequired: '请填写用户名', namePattern: '用户名只能包含字母、数字、“.”、“_”和“-”', nameLength: '2 到 64 个字符',
    emailInvalid: '邮箱地址无效', mobilePattern: '数字、空格和 + ( ) -', passwordRequired: '请设置初始密码',
    passwordExtra: '之后可以通过“重置密码”为用户设置新密码。',
    rolesExtra: 'admin：全部权限 · dba：主机、执行组、执行、任务、审批 · developer：执行和任务 · viewer：只读 · 自定义角色：仅用于审批节点。输入新名称即可创建自定义角色。',
    rolesRequired: '请至少指定一个角色', rolePattern: '“{{role}}”：角色由小写字母、数字、“_”或“-”组成，以字母开头',
    rolesPlaceholder: '选择角色，或输入自定义角色', disabledExtra: '停用的用户无法登录；其会话立即结束。', newRole: '{{role}}（新角色）',
  },
};

export const audit: Messages<typeof enAudit> = {
  problem: {
    rewritten: '审计日志被改写', tail_cut: '审计记录末尾被删除', emptied: '审计日志被清空',
    anchor_missing: '审计锚点缺失', anchor_forged: '审计锚点被伪造或无法读取', anchor_mismatch: '审计日志与其锚点不符',
  },
  broken: '审计链已损坏', reanchored: '自重新锚定以来审计链完整',
  verifyFailed: '无法校验审计链',
  subtitle: '只追加的记录：登录、主机密钥决定、审批，以及对主机、执行组、任务、审批流程和用户的每一次变更；以带密钥的哈希串联，并在数据库之外锚定。',
  verify: '校验审计链', allActions: '全部操作', filterAction: '按操作筛选', allTargets: '全部对象', filterTarget: '按对象类型筛选',
  actorPlaceholder: '操作人（完整用户名）', filterActor: '按操作人筛选', time: '时间', actor: '操作人', action: '操作', target: '对象',
  details: '详情', loadOlder: '加载更早的记录', beginning: '已到日志开头。',
  whatHappened: '发生了什么', category: '类别', categories: '类别', noCategories: '未选类别',
  hidden: '已隐藏：{{names}}。选中即可显示。', export: '导出 CSV', exportTip: '把筛选出的所有条目导出为 CSV 文件', exportFailed: '审计日志未能导出',
  textPlaceholder: '条目中的文字', filterText: '按操作人、操作、对象或详情中的文字筛选', from: '开始时间', to: '结束时间', between: '时间范围',
  cat: { changes: '变更', runs: '运行', scheduler: '调度触发', approvals: '审批', security: '安全', sign_ins: '登录', system: '系统', other: '其他' },
};

export const keys: Messages<typeof enKeys> = {
  openssh: 'OpenSSH 格式', yourFile: '你的公钥文件', consoleFile: '本控制台的公钥文件',
  subtitle: '用于离线审批的 Ed25519 密钥。私钥加密保存在本控制台中，从不显示。',
  yours: '你的密钥', none: '你还没有签名密钥',
  noneText: '创建一个密钥，即可审批或拒绝从其他控制台导出的申请。然后把公钥文件发送给那个控制台的管理员。',
  replaceTitle: '更换你的密钥？', replaceText: '信任旧密钥的控制台需要收到新的公钥文件。', replace: '更换',
  replaceKey: '更换密钥', create: '创建签名密钥', export: '导出公钥文件', console: '本控制台的密钥',
  consoleText: '它为本控制台导出的申请包签名。审阅方的控制台需要先信任它（设置 → 信任库）才会接受。',
  consoleId: '控制台 ID', exportConsole: '导出控制台密钥文件', handOver: '把此文件交给另一控制台的管理员；其中只有公钥。',
};
