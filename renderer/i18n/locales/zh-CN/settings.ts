import type { Messages } from '../../messages';
import type { settings as en } from '../en/settings';

export const settings: Messages<typeof en> = {
  tabGeneral: '常规',
  appearance: {
    title: '外观', theme: '主题', themeHint: '保存在本机。系统当前偏好{{mode}}。',
    light: '浅色', dark: '深色', system: '跟随系统', lightWord: '浅色', darkWord: '深色',
  },
  backup: {
    title: '数据库', text: '在线备份 SQLite 存储到数据目录；写入期间 Taskdeck 持续运行。',
    now: '立即备份数据库', needsAdmin: '备份需要 system:admin 权限（管理员）。', written: '备份已写入', failed: '备份失败',
  },
  about: {
    title: '关于', version: '版本', connection: '连接方式', ipc: '桌面应用（IPC）', http: '浏览器模式（本机 HTTP）', signedInAs: '当前登录',
  },
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
