import type { Messages } from '../../messages';
import type { auth as en } from '../en/auth';

export const auth: Messages<typeof en> = {
  signIn: {
    title: '登录', subtitle: '使用本机上的 Taskdeck 账号。', submit: '登录',
    userRequired: '请输入用户名', passwordRequired: '请输入密码',
    expired: '会话已过期，请重新登录。',
  },
  field: { userName: '用户名', displayName: '显示名称', email: '邮箱（可选）', password: '密码', confirm: '确认密码' },
  firstRun: {
    title: '创建第一个管理员',
    subtitle: '此 Taskdeck 还没有用户。在这里创建的账号可以添加其他所有人。',
    userHint: '可使用字母、数字、“.”、“_” 和 “-”。',
    userRequired: '请设置用户名', passwordRequired: '请设置密码',
    confirmRequired: '请再次输入密码', passwordsDiffer: '两次输入的密码不一致',
    submit: '创建管理员并登录',
  },
};
