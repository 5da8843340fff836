import type { Messages } from '../../messages';
import type { palette as en } from '../en/palette';

export const palette: Messages<typeof en> = {
  name: '命令面板', placeholder: '跳转到页面、主机、任务或申请…', search: '跳转到页面、主机、任务或申请',
  openTip: '跳转到页面、主机、任务或申请（{{keys}}）；按 ? 查看快捷键', openAria: '跳转到…（{{keys}}）',
  loadingLists: '正在加载主机、任务和申请', results: '结果', loading: '加载中…', nothing: '没有与“{{query}}”匹配的内容。',
  kind: { page: '页面', action: '操作', host: '主机', task: '任务', request: '申请' },
  extra: { keys: '签名密钥', keysDetail: '离线审阅', reviews: '离线审阅', reviewsDetail: '离线审阅包', newTask: '新建任务', newTaskDetail: '创建' },
  requestedBy: '申请人 {{user}}',
  help: {
    title: '键盘快捷键', typing: '在输入框中输入时，除 Ctrl+K 外的快捷键均不生效。',
    palette: '打开命令面板：按名称跳转到页面、主机、任务或申请（Mac 上为 ⌘K）',
    move: '在面板中：在结果之间移动', open: '在面板中：打开高亮的结果',
    close: '关闭面板、本帮助或对话框', sheet: '显示本帮助', go: '转到{{page}}',
  },
};
