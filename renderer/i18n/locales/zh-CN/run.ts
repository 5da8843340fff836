import type { Messages } from '../../messages';
import type { run as en } from '../en/run';

export const run: Messages<typeof en> = {
  subtitle: '通过 SSH 同时在多台主机上执行 shell 命令；每台主机的输出会实时显示在下方。',
  hostsFailed: '无法加载主机', groupsFailed: '无法加载执行组',
  tiedHelp: '远程命令属于此控制台的 SSH 会话，会随会话一起结束。',
  detachedHelp: 'Taskdeck 停止后命令仍在主机上继续运行；Taskdeck 会重新连接并继续读取输出。',
  cannotRun: '你的角色不能执行命令（需要 runs:execute）。请联系管理员。',
  targets: '执行目标', targetsRequired: '请至少选择一台主机或一个执行组',
  targetsExtra: '主机密钥未受信任的主机显示为灰色：打开主机并“测试”以固定其密钥。选择执行组会在其绑定的每台主机上执行。',
  targetsPlaceholder: '选择主机或执行组',
  bindings_one: '{{count}} 个绑定', bindings_other: '{{count}} 个绑定', noHostsBound: '尚未绑定主机',
  noHosts: '还没有主机。', addHost: '请先添加主机并信任其密钥。',
  commandExtra: '在每台主机上用 sh 执行，运行在独立的进程组中。按 {{key}}+Enter 执行。', commandPlaceholder: '例如 df -h /var/lib/postgresql',
  timeoutExtra: '0 表示不限时', advanced: '高级', logLimit: '日志上限（MB）', logLimitExtra: '每台主机保存的输出',
  logPolicy: '达到上限时', truncate: '继续执行，丢弃后续输出', halt: '停止执行',
  secrets: '需屏蔽的密钥', secretsExtra: '命令中的密码或令牌：在保存的命令和日志中显示为 ****。此处不会再次显示。',
  secretShort: '需屏蔽的密钥至少 4 个字符', secretPlaceholder: '输入值后按 Enter',
  run: '执行', keepsValues: '表单会保留填写的值：修改需要的部分即可再次执行。',
  hiddenLines: '… 之前还有 {{n}} 行（“打开”可查看完整日志）', latestOutput: '最新输出', noOutput: '无输出。',
  outputOf: '{{host}} 的输出', exit: '退出码 {{code}}', runningFor: '已执行', ranFor: '执行耗时',
  cancelOn: '取消在 {{host}} 上的执行？', cancelOnText: '向其远程进程组发送 TERM，宽限期后发送 KILL。',
  cancelAllTitle_one: '取消 {{count}} 个执行中的实例？', cancelAllTitle_other: '取消 {{count}} 个执行中的实例？',
  cancelAllText: 'Taskdeck 会向每个远程进程组发送 TERM，宽限期后发送 KILL，并确认没有残留进程。',
  cancelAll: '全部取消',
  notCancelled_one: '{{count}} 个实例未能取消', notCancelled_other: '{{count}} 个实例未能取消',
  summary: '执行中 {{running}} · 已完成 {{finished}} · 失败 {{failed}}', summaryCancelled: ' · 已取消 {{n}}', inInstances: '在“实例”中查看',
};
