import type { Messages } from '../../messages';
import type { trust as en } from '../en/trust';

export const trust: Messages<typeof en> = {
  addTitle: '信任公钥', addOk: '信任密钥', notTrusted: '未信任', whose: '密钥属于',
  kindUser: '审批人（用它签名的决定）', kindConsole: '另一个控制台（它导出的申请包）', key: '密钥',
  keyRequired: '请粘贴密钥或选择密钥文件', keyExtra: 'Taskdeck 密钥文件（.tdkey）、ssh-ed25519 行或 PEM 公钥。',
  readFile: '读取密钥文件…', userRequired: '请指定用此密钥签名的决定在本控制台算作哪个用户', role: '审批时使用的角色',
  roleRequired: '请填写角色', label: '标签', title: '信任库', add: '信任密钥',
  text: '来自其他工作站的决定，只有用此处信任的密钥签名时才会以其绑定的用户和角色应用。只接受密钥在此处受信任的控制台导出的申请包进行审阅。',
  boundTo: '绑定到', console: '控制台', added: '添加', state: '状态', revokedBy: '已被 {{by}} 撤销', revokeTitle: '撤销此密钥？',
  revokeText: '此后用它签名的包都会被拒绝。', trusted: '已信任',
};
