import type { Messages } from '../../messages';
import type { shell as en } from '../en/shell';

export const shell: Messages<typeof en> = {
  nav: {
    main: '主导航', dashboard: '概览', tasks: '任务', processes: '审批流程', approvals: '审批', permissions: '权限',
    run: '执行', instances: '实例', hosts: '主机', groups: '执行组', jobs: '作业', audit: '审计', users: '用户', settings: '设置',
  },
  stale: {
    before: '与 Taskdeck 服务的连接已断开（',
    after: '）。本页显示的内容可能已过时，运行时长已暂停计时。正在重新连接；服务恢复后页面会自动重新加载。',
  },
  page: {
    loading: '正在加载页面', unreachable: '无法加载此页面', broke: '此页面因错误而停止',
    unreachableText: '获取页面时 Taskdeck 服务没有响应。服务恢复后会自动加载。', reload: '立即重新加载',
  },
  live: {
    live: '实时', liveTip: '其他地方的变更会即时显示在这里。',
    connecting: '连接中', connectingTip: '正在打开实时事件流。',
    reconnecting: '重新连接中', reconnectingTip: '实时事件流已断开，正在重试。恢复前列表可能不是最新的。',
    off: '离线', offTip: '没有实时事件流。',
    aria: '实时更新：{{state}}',
  },
  notFound: { title: '页面不存在', description: '{{path}} 没有页面，请从菜单中选择。' },
  comingSoon: '将在后续版本提供',
  pending_zero: '没有等待你审批的变更申请',
  pending_one: '{{count}} 个变更申请等待你审批',
  pending_other: '{{count}} 个变更申请等待你审批',
  theme: { toLight: '切换到浅色主题', toDark: '切换到深色主题' },
  account: { aria: '账号：{{name}}', roles: '角色：{{roles}}', keys: '签名密钥', signOut: '退出登录' },
};
