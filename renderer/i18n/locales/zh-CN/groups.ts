import type { Messages } from '../../messages';
import type { groups as en } from '../en/groups';

export const groups: Messages<typeof en> = {
  subtitle: '执行组代表一项服务或业务。绑定按权重把主机放入执行组；任务以绑定为目标。',
  add: '添加执行组', empty: '还没有执行组。执行组代表一项服务或业务；按权重把主机绑定到它。',
  delete: {
    title: '删除执行组 {{name}}？', empty: '它没有绑定。此操作无法撤销。',
    bound_one: '它的 {{count}} 个绑定也会被删除；以其为目标的任务将失去这些主机。此操作无法撤销。',
    bound_other: '它的 {{count}} 个绑定也会被删除；以其为目标的任务将失去这些主机。此操作无法撤销。',
  },
  binding: {
    add: '添加绑定', deleteTitle: '删除绑定 {{name}}？', deleteText: '{{host}} 将不再属于 {{group}}；以此绑定为目标的任务将失去这台主机。',
    allGroups: '全部执行组', filter: '按执行组筛选', empty: '没有绑定。把主机绑定到执行组后，任务才能以它为目标。',
    editTitle: '编辑绑定 {{name}}', nameRequired: '请为绑定命名', nameExtra: '任务通过此名称指定绑定。', groupRequired: '请选择执行组',
    hostRequired: '请选择主机', hostMove: '把绑定移到另一台主机，会同时移动使用它的所有任务。',
    weightRequired: '权重至少为 1', weightExtra: '在执行组各主机之间分配执行的相对比例。',
  },
  detail: {
    title: '执行组 {{name}}', bound: '已绑定的主机', none: '尚未绑定主机。', notFound: '未找到执行组',
    notFoundText: '不存在执行组 #{{id}}；可能已被删除。',
  },
  form: { editTitle: '编辑执行组 {{name}}', nameRequired: '请为执行组命名', descriptionPlaceholder: '这些主机所服务的业务或服务' },
};
