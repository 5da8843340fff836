import type { Messages } from '../../messages';
import type { dashboard as en } from '../en/dashboard';

export const dashboard: Messages<typeof en> = {
  subtitle: '某一天创建的实例，按小时和状态统计。点击柱条查看对应实例。',
  scheduled: '调度触发', scheduledHint: '由调度或重试启动的实例（占当天创建的全部实例）',
  pendingApprovals: '待审批', pendingHint: '等待决定的变更申请',
  noInstances: '{{day}} 没有实例',
  noInstancesText: '从“执行”页面运行的命令，以及当天（{{tz}}）触发的任务，会在这里按小时和状态显示。',
  perHour: '每小时实例数', day: '日期', today: '今天', reloadTip: '重新加载（实例变化时也会自动刷新）',
  failedTasks: '失败最多的任务', failedHosts: '失败最多的主机', failed: '失败数', deletedHost: '（已删除的主机）',
  nothingFailed: '当天没有失败。', noneThisHour: '没有实例', clickToOpen: '点击查看',
};
