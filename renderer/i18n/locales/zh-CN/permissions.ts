import type { Messages } from '../../messages';
import type { permissions as en } from '../en/permissions';

export const permissions: Messages<typeof en> = {
  status: { active: '有效', expired: '已过期', revokedAt: '撤销于 {{at}}', revokedBy: '已被 {{by}} 撤销' },
  hostN: '主机 #{{id}}', deletedHost: '已删除的主机 #{{id}}', you: '（你）', pluginGrant: '{{by}}（插件授权）',
  none: {
    youActive: '你没有在主机上执行的有效权限', youEver: '你还没有获得过权限',
    userActive: '{{user}} 没有有效权限', userEver: '{{user}} 还没有获得过权限',
    nobodyActive: '没有人持有有效权限', nobodyEver: '还没有授予过任何权限',
    howAdmin: '用户创建一个类型为“权限申请”、绑定到所需主机的任务并启动即可申请。审批流程通过后，权限会列在这里，有效期为任务的授权时长。插件不能申请：请用“为插件授权主机”授予。',
    howUser: '要获得权限，请创建一个类型为“权限申请”、绑定到所需主机的任务并启动它。审批流程通过后，权限会列在这里，有效期为任务的授权时长。',
  },
  newApplication: '新建权限申请', showAll: '显示全部（{{n}} 个已结束）',
  field: { user: '用户', from: '来源', granted: '授予时间', expires: '到期时间' },
  revoke: {
    ok: '撤销', aria: '撤销 {{user}} 在 {{host}} 上的权限', title: '撤销 {{user}} 在 {{host}} 上的权限？',
    textGrant: '{{user}} 将不能再在 {{host}} 上发起执行；正在进行的执行不会停止。要再次执行，需要管理员重新授权。',
    textApply: '{{user}} 将不能再在 {{host}} 上发起执行；正在进行的执行不会停止。要再次执行，{{user}} 需要重新申请。',
    done: '已撤销 {{user}} 在 {{host}} 上的权限', failed: '未能撤销 {{user}} 在 {{host}} 上的权限',
  },
  subtitle: {
    admin: '在主机上执行命令的限时权限，由通过审批的权限申请授予，或由管理员授予插件。撤销后立即失效。',
    anywhere: '你的角色无需权限即可在任何主机上执行；这里列出的是通过审批的权限申请所授予的权限。',
    user: '你可以在哪些主机上执行命令、到何时为止：每项权限都来自通过审批的权限申请。',
  },
  apply: '申请权限', show: '显示', activeOnly: '仅有效', everyone: '所有人', filterUser: '按用户筛选',
  count_one: '{{count}} 项权限', count_other: '{{count}} 项权限', countActive_one: '{{count}} 项有效权限', countActive_other: '{{count}} 项有效权限',
  grant: {
    pluginBefore: '插件用户（角色 ', pluginAfter: '）随时可以把自己的工作报告为外部作业，但只能在这里授权的主机上发起运行。它不能申请主机权限，也从不审批申请。授权会记入审计，并可随时撤销。',
    title: '为插件授权主机', ok: '授权', failed: '未授权', user: '插件用户', userRequired: '请选择插件用户',
    noPlugin: '没有启用的用户持有 {{role}} 角色：请先在“用户”页面创建。', hostsRequired: '请至少选择一台主机',
    hours: '时长（小时）', hoursRange: '1 到 720 小时（30 天）', hoursAria: '小时',
    done_one: '{{user}} 可在 {{count}} 台主机上执行 {{hours}} 小时', done_other: '{{user}} 可在 {{count}} 台主机上执行 {{hours}} 小时',
  },
};
