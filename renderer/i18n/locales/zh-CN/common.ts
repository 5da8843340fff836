import type { Messages } from '../../messages';
import type { common as en } from '../en/common';

export const common: Messages<typeof en> = {
  app: { tagline: '运维控制台' },
  action: {
    save: '保存', cancel: '取消', close: '关闭', delete: '删除', edit: '编辑', refresh: '刷新',
    retry: '重试', copy: '复制', open: '打开', back: '返回', reset: '重置',
  },
  value: { none: '无', never: '从未', yes: '是', no: '否' },
  couldNotLoad: '无法加载', copied: '已复制 {{name}}', download: '下载 {{name}}', copyFingerprint: '复制指纹',
  moreChars: '… 还有 {{n}} 个字符（下载日志以查看全部）',
  connecting: '正在连接 Taskdeck…',
  unreachable: '无法连接 Taskdeck 服务',
  errorCode: {
    validation: '输入无效', unauthorized: '未登录', forbidden: '无权操作', not_found: '未找到', conflict: '冲突',
    timeout: '超时', payload_too_large: '内容过大', too_many_requests: '请求过于频繁', host_key_unknown: '未知的主机密钥',
    host_key_mismatch: '主机密钥已变更', ssh_auth: 'SSH 认证失败', ssh_connect: 'SSH 连接失败', internal: '内部错误',
    unavailable: '服务不可用', network: '网络错误',
  },
  count: {
    lines_one: '{{count}} 行', lines_other: '{{count}} 行',
    instances_one: '{{count}} 个实例', instances_other: '{{count}} 个实例',
    requests_one: '{{count}} 个申请', requests_other: '{{count}} 个申请',
    hosts_one: '{{count}} 台主机', hosts_other: '{{count}} 台主机',
    bindings_one: '{{count}} 个绑定', bindings_other: '{{count}} 个绑定',
    groups_one: '{{count}} 个执行组', groups_other: '{{count}} 个执行组',
    processes_one: '{{count}} 个审批流程', processes_other: '{{count}} 个审批流程',
    users_one: '{{count}} 个用户', users_other: '{{count}} 个用户',
    statements_one: '{{count}} 条语句', statements_other: '{{count}} 条语句',
  },
  pager: { range: '第 {{from}}–{{to}} 条，共 {{total}} 条' },
  nameList: { sep: '、', more: '{{names}} 等，另有 {{n}} 个' },
};
