import type { Messages } from '../../messages';
import type { instances as en } from '../en/instances';

export const instances: Messages<typeof en> = {
  field: {
    id: 'ID', host: '主机', status: '状态', exit: '退出码', started: '开始时间', ended: '结束时间', duration: '耗时', trigger: '触发方式', mode: '模式',
    cron: 'Cron', maxParallel: '最大并行数', address: '地址', task: '任务', slot: '时间点', log: '日志', run: '执行批次',
  },
  trigger: { ad_hoc: '临时执行', manual: '手动', schedule: '调度', retry: '重试' },
  triggerLong: { ad_hoc: '临时执行（执行页面）', manual: '手动', schedule: '调度', retry: '重试' },
  triggerAttempt: '{{trigger}}，第 {{attempt}} 次尝试',
  taskTip: '任务 {{name}}', taskAttempt: '任务 {{name}}，第 {{attempt}} 次尝试',
  notStarted: '未开始', stillRunning: '仍在执行', streaming: '实时输出中（见下方）',
  exitCode: '退出码 {{code}}', signal: '信号 {{signal}}',
  list: {
    title: '实例', subtitle: '命令在主机上的每一次执行：状态、退出码、耗时及其日志。',
    noMatch: '没有符合筛选条件的实例。', emptyTitle: '还没有实例',
    emptyText: '命令在一台主机上的每次执行都是一个实例，带有状态、退出码和完整日志。',
    runCommand: '执行命令', anyStatus: '全部状态', anyHost: '全部主机', createdFrom: '创建时间从', createdTo: '创建时间到',
    createdBetween: '创建时间范围', taskTag: '任务 {{name}}', runTag: '执行批次',
  },
  page: {
    notFound: '未找到实例', noSuch: '不存在实例 {{id}}。', badId: '“{{id}}”不是实例 ID。', back: '返回实例列表',
    hostDeleted: '其主机已被删除', runAgainTip: '在同一主机上以相同模式和超时执行相同命令', runAgain: '再次执行',
    cannotCancel: '以 {{user}} 的权限执行：只有该用户、管理员或 DBA 可以取消',
    refreshFailed: '无法刷新', truncated: '日志已截断',
    truncatedText: '输出超过了本次执行的日志上限；之后的内容未保存（或执行已被中止）。',
    copyCommand: '复制命令', copied: '已复制',
  },
  cancel: {
    title: '取消这次执行？', text: 'Taskdeck 会向整个远程进程组发送 TERM，宽限期后发送 KILL，并确认没有残留进程。',
    ok: '取消执行', keep: '继续执行', failed: '无法取消在 {{host}} 上的执行',
  },
  rerun: { masked: '此命令中的密钥已被屏蔽为 ****：请在命令中填回后再执行。', failed: '执行未能开始' },
  runs: {
    task: '任务', command: '命令', status: '状态', hosts: '主机', runBy: '执行人', trigger: '触发方式', started: '开始时间', duration: '耗时', run: '运行',
    host: '主机', exit: '退出码', attempt: '尝试', error: '错误', instance: '实例', retry: '重试', adHoc: '临时执行', taskId: '任务 {{id}}',
    openOnly: '打开它唯一的实例', showing: '显示 {{total}} 个实例中的 {{shown}} 个。', seeAll: '查看全部',
    searchedBefore: '已搜索到 ', searchedAfter: ' 为止的运行；更早的运行也可能匹配。', searchOlder: '搜索更早的运行', loadOlder: '加载更早的运行', noOlder: '没有更早的运行。',
    taskFilter: '任务名包含', taskPlaceholder: '任务名', commandFilter: '命令包含', commandPlaceholder: '命令文本',
    oneHost: '1 台主机', hostsSummary: '{{n}} 台主机：{{parts}}', ok: '成功 {{n}}', failed: '失败 {{n}}', running: '运行中 {{n}}', noneEnded: '均未结束', sep: '，',
  },
  log: {
    title: '日志', lines: '第 {{from}}–{{to}} 行，共 {{total}} 行', earlier: '更早的行', later: '更晚的行', linesAria: '日志行',
    received: '收到于 {{time}}',
    waiting: '等待输出…', noOutput: '本次执行没有输出。', searching: '搜索中…', noMatches: '无匹配', match: '第 {{n}} 个，共 {{of}} 个',
    follow: '跟随', jumpToEnd: '跳到末尾', goToLine: '跳到行', search: '搜索日志',
    prev: '上一个匹配', prevTip: '上一个匹配（Shift+Enter、Shift+F3）', next: '下一个匹配', nextTip: '下一个匹配（Enter、F3）',
    loadFailed: '无法加载这些行：{{error}}',
    times: '时间', timesTip: 'Taskdeck 收到每一行的时间：一起到达的行时间相同', download: '下载日志', downloadFailed: '日志未能下载',
  },
};
