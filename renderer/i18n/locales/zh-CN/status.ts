import type { Messages } from '../../messages';
import type { status as en } from '../en/status';

export const status: Messages<typeof en> = {
  instance: {
    '1': '执行中', '2': '已完成', '3': '异常结束', '4': '超时', '5': '已取消', '81': '未知',
  },
  instanceMeaning: {
    '1': '正在主机上执行。',
    '2': '以退出码 0 结束。',
    '3': '以非零退出码、信号或错误结束。',
    '4': '达到超时时间后结束。',
    '5': '已被用户取消。',
    '81': '结果未知（分离运行的实例无法重新连接）。',
  },
  host: { Enabled: '已启用', NotEnabled: '未启用', Abnormal: '异常' },
  hostMeaning: { Enabled: '执行可以使用此主机。', NotEnabled: '已停用：不会在此主机上执行。', Abnormal: '最近一次健康探测失败。' },
  hostKey: { trusted: '已信任', pending: '待确认', mismatch: '已变更', unknown: '尚未连接' },
  hostKeyMeaning: {
    trusted: '主机密钥已固定且匹配。',
    pending: '已收到密钥，等待确认。',
    mismatch: '主机出示的密钥与已固定的密钥不同。',
    unknown: '从未连接过。',
  },
  stage: { Started: '已启动', Stopped: '已停止' },
  stageMeaning: { Started: '已调度：按计划触发', Stopped: '未调度；可以编辑' },
  request: {
    APPROVING: '审批中', REJECTED: '已拒绝', APPROVAL_EXPIRED: '审批已过期', WAIT_FOR_EXECUTION: '待执行',
    WAIT_FOR_EXECUTION_EXPIRED: '等待执行已过期', EXECUTING: '执行中', EXECUTION_SUCCEEDED: '执行成功',
    EXECUTION_FAILED: '执行失败', EXECUTION_EXPIRED: '执行已过期', CANCELLED: '已取消', PRE_CHECK_FAILED: '预检查失败',
  },
  requestMeaning: {
    APPROVING: '依次等待各审批节点审批。',
    REJECTED: '审批人已拒绝，不会执行。',
    APPROVAL_EXPIRED: '未在审批有效期内完成审批。',
    WAIT_FOR_EXECUTION: '已批准，等待开始执行（立即、手动或定时）。',
    WAIT_FOR_EXECUTION_EXPIRED: '已批准，但未在等待期内开始执行。',
    EXECUTING: '正在按此审批执行（或已排入调度）。',
    EXECUTION_SUCCEEDED: '已执行，所有主机均以退出码 0 结束。',
    EXECUTION_FAILED: '已执行，至少一台主机失败。',
    EXECUTION_EXPIRED: '未在执行有效期内完成（或开始）执行。',
    CANCELLED: '已被申请人或管理员取消。',
    PRE_CHECK_FAILED: '申请提交后任务已被修改，审批作废。',
  },
  job: { queued: '排队中', STARTED: '执行中', FINISHED: '已完成', FAILED: '失败', ABORTED: '已中止', UNKNOWN: '未知' },
  step: { VALIDATING: '校验', EXECUTING: '执行', FINALIZING: '收尾', TRANSFERRING: '传输', UNKNOWN: '未知' },
  process: { enabled: '已启用', disabled: '已停用' },
  code: '代码：{{code}}',
};
