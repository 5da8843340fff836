import type { Messages } from '../../messages';
import type { processes as en } from '../en/processes';

export const processes: Messages<typeof en> = {
  list: {
    noMatch: '没有符合搜索或筛选条件的审批流程。', emptyTitle: '还没有审批流程',
    emptyText: '审批流程规定任务执行前由谁审批：按任务类型、风险等级以及适用的主机。',
    createFirst: '创建第一个审批流程', askAdmin: '请联系管理员定义审批流程。',
    search: '搜索名称、备注、角色、创建人', searchAria: '搜索审批流程', typeFilter: '类型筛选',
    deleteSelected: '删除所选', deleteSelectedN: '删除所选（{{n}}）',
    subtitle: '任务执行前由谁审批：按任务类型和风险等级、适用的主机以及各项时限。',
    new: '新建审批流程', priority: '设置优先级', unmatched: '未匹配的任务',
  },
  actions: {
    enableTitle: '启用审批流程 {{name}}？', disableTitle: '停用审批流程 {{name}}？',
    enableText: '它会重新参与匹配，位置保持在{{type}}的优先级顺序中。',
    disableText: '停用期间它不会被匹配：其主机上的{{type}}任务交给优先级中的下一个流程，或按未匹配任务策略处理。已提交的申请保留其审批链。',
    deleteOne: '删除审批流程 {{name}}？', deleteMany: '删除 {{n}} 个审批流程？', deleteText: '已提交的申请保留其审批链。此操作无法撤销。',
    deletedMany: '已删除 {{n}} 个审批流程', nothingDeleted: '没有删除任何流程', created: '已创建 {{name}}；它位于{{type}}优先级顺序的末尾',
  },
  policy: {
    nowAllowed: '{{type}}：未匹配的任务现在允许执行', nowRefused: '{{type}}：未匹配的任务现在被拒绝', notChanged: '策略未更改',
    title: '未被任何审批流程覆盖的任务', loadFailed: '无法加载策略',
    text: '任务启动时，由第一个覆盖其所有主机的同类型已启用流程决定审批人。没有这样的流程时，由此策略决定。',
    allow: '允许', refuse: '拒绝', aria: '{{type}}：无需审批即可执行未匹配的任务', needsAdmin: '修改此项需要 system:admin 权限（管理员）。',
    command: { allow: '未被覆盖的命令任务无需审批即可启动。', refuse: '未被覆盖的命令任务无法启动。' },
    database_change: { allow: '未被覆盖的 SQL 变更无需任何人审批即可执行。', refuse: '未被覆盖的 SQL 变更无法启动。' },
    apply_permission: { allow: '未被覆盖的权限申请会立即授予。', refuse: '未被覆盖的权限申请会被拒绝。' },
  },
  level: '等级 {{n}}', levels: '风险等级', nodes: '审批节点', associated: '关联主机', allHosts: '全部主机',
  hostN: '主机 {{name}}', groupN: '执行组 {{name}}', groupSuffix: '{{name}}（执行组）', hostDeleted: '主机 #{{id}}（已删除）', groupDeleted: '执行组 #{{id}}（已删除）',
  priority: '优先级', priorityTip: '在同类型优先级顺序中的位置：使用第一个覆盖任务所有主机的已启用流程',
  enabledAria: '启用：{{name}}', on: '开', off: '关', createdBy: '创建人', viewLink: '查看', viewAria: '查看 {{name}}', copyAria: '复制 {{name}}',
  anyStatements: '语句数不限', upToStatements_one: '最多 {{count}} 条语句', upToStatements_other: '最多 {{count}} 条语句',
  sqlSubtypes: 'SQL 子类型', maxStatements: '最大语句数', approvedByA: '审批人角色', taskType: '任务类型', riskLevels: '风险等级',
  remarks: '备注', hours_one: '{{count}} 小时', hours_other: '{{count}} 小时',
  validity: {
    approval: '审批有效期', approvalExtra: '审批必须在此时间内完成，否则申请过期。',
    wait: '等待执行期', waitExtra: '已批准、需手动启动的申请必须在此时间内启动。',
    execution: '执行有效期', executionExtra: '执行（或定时启动）必须在此时间内完成。',
    waitPeriod: '等待期',
  },
  view: {
    notFound: '未找到审批流程', notFoundText: '不存在审批流程 #{{id}}；可能已被删除。', basic: '基本信息',
    allHosts: '全部主机，包括今后添加的。', title: '审批流程 {{name}}',
    disabled: '已停用：不会被匹配。其任务交给优先级中的下一个流程，或按未匹配任务策略处理。',
  },
  form: {
    copyName: '{{name}}（副本）', editTitle: '编辑审批流程 {{name}}', notSaved: '审批流程未保存', nameRequired: '请为审批流程命名',
    nameExtra: '唯一；最多 110 个字符', typeRequired: '请选择此流程审批的任务类型', levelsAndApproval: '风险等级与审批',
    levelsHelp: '脚本中的语句会被分类；由能覆盖它们的最低等级决定审批人。', validity: '有效期',
    hoursRange: '{{min}} 到 {{max}} 小时', appliesTo: '适用于', some: '部分主机和执行组',
    pickHosts: '请至少选择一台主机或一个执行组，或适用于全部主机', groupsExtra: '绑定到这些执行组的每台主机',
    matchRule: '任务匹配按优先级顺序第一个覆盖其所有主机的已启用流程。', statusRemarks: '状态与备注',
    enabledExtra: '停用的流程不会被匹配：其任务交给下一个流程，或按未匹配任务策略处理。',
  },
};
