import type { Language } from './language';
import type { MessageTree } from './messages';
import { en } from './resources-en';
import { zhCN } from './resources-zh-cn';

/**
 * Every language's messages, for the key checks. The console itself imports English alone and loads
 * Chinese when it is chosen: importing this module from the renderer would bundle both up front.
 */
export const resources: Readonly<Record<Language, MessageTree>> = { en, 'zh-CN': zhCN };
