import type { Messages } from '../../messages';
import type { jobs as en } from '../en/jobs';

export const jobs: Messages<typeof en> = {
  field: { module: '模块', jobStep: '作业 / 步骤', progress: '进度', queued: '排队' },
  from: ' · 来自 {{source}}', aPlugin: '插件', internal: ' · 内部', instance: '实例 {{id}}', progressAria: '进度 {{text}}',
  /** Taskdeck's own job types and modules (a plug-in's are shown as it named them). */
  types: { adHocRun: '临时运行', scheduledRun: '定时运行', manualRun: '手动运行', backup: '备份', sshImport: 'SSH 配置导入', sftpTransfer: 'SFTP 传输', command: '命令', databaseChange: '数据库变更', applyPermission: '权限申请' },
  modules: { runs: '运行', tasks: '任务', approvals: '审批', system: '系统', external: '外部' },
  units: { steps: '个步骤', hosts: '台主机', files: '个文件', statements: '条语句' },
  folded: { label: '已折叠：{{text}}', done: '{{n}} 个完成', failed: '{{n}} 个失败', aborted: '{{n}} 个中止', unknown: '{{n}} 个未知', sep: '，' },
  links: {
    task: '任务', taskShort: '任务 {{id}}', request: '变更申请', requestShort: '申请 #{{id}}',
    instances: '实例', instancesText: '本次执行的全部实例', instancesShort: '本次执行的实例',
  },
  list: {
    external: '外部（插件）', own: 'Taskdeck 自身', noMatch: '没有符合筛选条件的作业。', emptyTitle: '没有作业',
    emptyText: '执行、调度触发、备份、传输以及插件上报的工作，在运行期间及结束后一段时间内都会显示在这里。',
    subtitle: '所有耗时的工作，以作业及其步骤呈现：实时显示进度、排队等待和耗时。', filters: '作业筛选',
    origin: '来源', originPlaceholder: '外部或自身', search: '搜索作业', searchPlaceholder: '描述、类型、负责人或 ID',
    showInternal: '显示内部作业', newer: '较新', older: '较早', page: '第 {{n}} 页',
  },
  running: {
    none: '没有正在运行的作业。', label_one: '{{n}} 个运行中的作业', label_other: '{{n}} 个运行中的作业', title: '运行中的作业', open: '打开作业页面',
  },
  actions: {
    unfinished: '未完成的步骤', ended: '已将 {{name}} 结束为“{{status}}”', endTitle: '结束作业 {{name}}',
    endAbort_one: '结束并中止 {{count}} 个步骤', endAbort_other: '结束并中止 {{count}} 个步骤', endJob: '结束作业', endStatus: '结束状态',
    notFinished_one: '{{count}} 个步骤尚未完成；强制结束作业会将其标记为已中止：',
    notFinished_other: '{{count}} 个步骤尚未完成；强制结束作业会将其标记为已中止：',
    endFailed: '无法结束作业', abortStep: '中止步骤 {{name}}？', abortJob: '中止作业 {{name}}？',
    abortText: '其代表的工作将被停止（执行的实例会在主机上被取消），状态变为已中止。',
    abortBelow: '其未完成的步骤也会被中止：', abort: '中止', aborted: '已中止 {{name}}',
    clearTitle: '清除作业 {{name}}？', clearFinished: '任务 TTL 到期后将被删除。', clearRunning: '结束后，任务 TTL 到期时将被删除。',
    clear: '清除', abortAria: '中止 {{name}}', endAria: '结束 {{name}}', clearAria: '清除 {{name}}', end: '结束…',
  },
  page: {
    notFound: '未找到作业', notFoundText: '不存在作业 {{id}}：可能已在 TTL 到期后过期，或已被清空。', back: '返回作业列表',
    typeModule: '类型 {{type}} · 模块 {{module}}', reportedBy: ' · 由 {{source}} 上报', jobError: '作业错误', step: '步骤',
    sequence: '序号', notYet: '尚未', queuedFor: '排队时长', lastUpdate: '最近更新', abortable: '可中止',
    autoCleared: '自动清除', autoYes: '是，结束后 TTL 到期时清除', autoNo: '否：保留直到手动清除', instance: '实例',
    steps: '步骤', loadingSteps: '正在加载步骤…', noStepsLeft: '没有剩余步骤：已完成的步骤会折叠到作业中（见“进度”下的计数）。',
    noSteps: '还没有步骤。',
    hostsFailed_one: '{{count}} 台主机失败', hostsFailed_other: '{{count}} 台主机失败',
    stepsFailed_one: '{{count}} 个步骤失败', stepsFailed_other: '{{count}} 个步骤失败',
    moreInSteps_one: '另有 {{count}} 个见下方步骤', moreInSteps_other: '另有 {{count}} 个见下方步骤',
  },
};
