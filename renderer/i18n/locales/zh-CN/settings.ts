import type { Messages } from '../../messages';
import type { settings as en } from '../en/settings';

export const settings: Messages<typeof en> = {
  display: {
    title: '语言与时间',
    language: '语言',
    languageHint: '保存在你的账号中，在任何机器上登录都生效。',
    timeZone: '时区',
    timeZoneHint: '界面上的所有时间都按此时区显示，并标明时区。',
    zoneLocal: '本机时区（{{zone}}）',
    zoneUtc: 'UTC',
    zoneNamed: '指定时区',
    zonePick: '选择时区',
    clock: '时钟',
    h24: '24 小时制',
    h12: '12 小时制',
    example: '现在：{{now}}',
    saveFailed: '无法保存你的偏好设置',
  },
};
