import type { InboundEvent } from './messages.js';
import { normalizeReply } from './reply-validators.js';

export type GlobalCommand = 'menu' | 'back' | 'cancel' | 'restart' | 'language' | 'bind' | 'contact';

/** Words that work in every flow, in all three locales. Buttons send the command id as a choice. */
const WORDS: Record<GlobalCommand, string[]> = {
  menu: ['菜单', '菜單', '主菜单', '主菜單', 'menu', 'main menu', '目录', '首页'],
  back: ['返回', '上一步', '后退', '後退', 'back', 'go back', 'previous'],
  cancel: ['取消', 'cancel', '退出', 'quit', 'stop'],
  restart: ['重新开始', '重新開始', '重来', '重來', 'restart', 'start over'],
  language: ['语言', '語言', 'language', 'lang', '切换语言', '切換語言'],
  bind: ['绑定', '綁定', 'bind', '绑定孩子', '綁定孩子', 'link my child'],
  // The button under a "找老师" answer sends cmd:contact; typing the menu label works too.
  contact: ['contact', '联系资助老师', '聯繫資助老師', 'contact the aid officer'],
};

const BY_WORD = new Map<string, GlobalCommand>();
for (const [command, words] of Object.entries(WORDS) as [GlobalCommand, string[]][]) {
  for (const word of words) BY_WORD.set(normalizeReply(word), command);
}

export function matchGlobalCommand(event: InboundEvent): GlobalCommand | null {
  if (event.type === 'choice' && event.value.startsWith('cmd:'))
    return BY_WORD.get(event.value.slice(4)) ?? null;
  if (event.type !== 'text') return null;
  return BY_WORD.get(normalizeReply(event.text)) ?? null;
}
