import type { Messages } from '../../messages';
import type { bundles as enBundles, reviews as enReviews } from '../en/reviews';

export const reviews: Messages<typeof enReviews> = {
  title: '离线审阅', subtitle: '其他控制台导出的变更申请，可用你的签名密钥离线批准或拒绝。',
  importBundle: '导入申请包', empty: '还没有导入待审阅的申请包。', request: '申请', node: '节点',
  decided: { approved: '已由 {{by}} 批准', rejected: '已由 {{by}} 拒绝' }, waiting: '等待中', imported: '导入时间',
  reviewN: '审阅 {{id}}', from: '来自控制台 {{console}}，由 {{by}} 导出', refused: '已拒绝',
  carryBack: '把决定包带回原控制台并在那里导入。', showBundle: '显示决定包',
  commentPlaceholder: '意见（可选）', approveSign: '批准并签名', rejectSign: '拒绝并签名', cannotDecide: '你不能审批此申请',
  whatItApproves: '审批内容', processLevel: '{{name}} · 风险等级 {{level}}', waitingAt: '等待节点', clientCommand: '客户端命令：',
  target: '目标', pinnedKey: '已固定的主机密钥', earlier: '之前的决定', earlierLine: '第 {{n}} 个节点：{{decision}}（{{source}}）',
  signedWith: '使用 {{key}} 签名', onHome: '在原控制台上', bundleTitle: '决定包',
  bundleText: '把此文件带到原控制台，在其“审批”页面导入。',
};

export const bundles: Messages<typeof enBundles> = {
  refusal: {
    malformed: '不是 Taskdeck 能读取的包', wrong_console: '此包属于另一个控制台', unknown_key: '签名密钥不受本控制台信任',
    revoked_key: '签名密钥已被撤销', bad_signature: '签名校验失败', hash_mismatch: '内容已被修改',
    not_waiting: '申请已不再等待此决定', expired: '审批时限已过', replayed: '已经应用过',
    wrong_node: '不是正在等待的节点', own_request: '申请人不能批准自己的申请', role: '密钥的角色与节点不符',
    four_eyes: '两个节点需要两个不同的人',
  },
  verifies: { request: '此申请包校验通过', decision: '此决定包校验通过' },
  allPassed: '以下各项检查均已通过。尚未应用任何内容。', kind: '类型', kinds: { request: '申请', decision: '决定' },
  signedBy: '签名者', console: '控制台 {{id}}', userAs: '{{user}}，角色 {{role}}', notEstablished: '无法确认', checks: '检查项',
  passed: '通过', failed: '未通过', applyDecision: '应用决定', importForReview: '导入以审阅', importTitle: '导入包',
  choose: '选择 .tdbundle 文件…', text: '包内容', paste: '…或在此粘贴包内容', verify: '校验',
  exportTip: '供另一台工作站上的审阅人使用的已签名 .tdbundle', notPortable: '创建于可移植哈希之前：请在本控制台上审批',
  export: '导出申请包', asBundle: '申请 #{{id}} 的申请包',
  sendIt: '发送给审阅人；其控制台需要信任本控制台的密钥（密钥 → 导出控制台密钥文件）。',
};
