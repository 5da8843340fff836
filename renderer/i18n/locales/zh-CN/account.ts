import type { Messages } from '../../messages';
import type { account as en } from '../en/account';

export const account: Messages<typeof en> = {
  password: {
    title: '密码',
    text: '修改后，你在其他地方的登录会全部退出；当前窗口保持登录。',
    current: '当前密码',
    next: '新密码',
    again: '再次输入新密码',
    currentRequired: '请输入当前密码',
    nextRequired: '请设置新密码',
    againMismatch: '两次输入的新密码不一致',
    change: '修改密码',
    changed: '密码已修改',
    changedOthers_one: '密码已修改；已退出 {{count}} 个其他会话',
    changedOthers_other: '密码已修改；已退出 {{count}} 个其他会话',
    failed: '无法修改密码',
  },
  rules: {
    hint: '至少 {{min}} 个字符；不能是常见密码，也不能是用户名。',
    tooShort: '至少 {{min}} 个字符',
  },
  rule: {
    too_short: '至少需要 {{min}} 个字符',
    one_character: '不能是同一个字符的重复',
    user_name: '不能与用户名相同',
    common: '这是最常见的密码之一，请换一个不易被猜到的密码',
    same_as_current: '新密码不能与当前密码相同',
    wrong_current: '当前密码不正确',
  },
};
