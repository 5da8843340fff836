import type { Messages } from '../../messages';
import type { instanceErrors as en } from '../en/instance-errors';

export const instanceErrors: Messages<typeof en> = {
  exitCode: '退出码 {{code}}',
  killedBy: '被信号 SIG{{signal}} 终止',
  cancelledBy: '已被 {{user}} 取消',
  cancelledByAUser: '已被用户取消',
  cancelledUnowned: '已被 {{user}} 取消（当时没有执行器负责该运行）',
  timedOut: '运行 {{seconds}} 秒后超时',
  logLimit: '日志达到 {{bytes}} 字节上限（停止策略）',
  goneFromHost: '分离运行已不在主机上，且未留下退出状态',
  shutDownTied: 'Taskdeck 在此绑定会话运行期间关闭；远程进程已随连接结束',
  stoppedTied: 'Taskdeck 在此绑定会话运行期间停止；远程进程已随连接结束，退出状态未知',
  stoppedBeforeStart: 'Taskdeck 在分离运行于主机上启动之前停止',
};
