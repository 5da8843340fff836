import type { Messages } from '../../messages';
import type { notFound as en } from '../en/not-found';

export const notFound: Messages<typeof en> = {
  title: '页面不存在',
  text: '{{path}} 下没有内容。链接可能已过期，或页面已改名。',
  home: '返回仪表盘',
  back: '返回上一页',
};
