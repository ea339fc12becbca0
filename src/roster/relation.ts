import type { GuardianRelation } from './types.js';

/**
 * Relation words accepted in the 与学生关系 column (zh-CN, zh-TW, English, and the 父子/母女 style of
 * household forms). Step-parents (继父/继母) map to other_guardian; adoptive parents (养父/养母) are
 * legally parents and map to father/mother. Bare English "grandfather"/"grandmother" mean paternal, as
 * 祖父母 does; "maternal grandmother" etc. map to maternal_grandparent.
 */
const WORDS: Record<GuardianRelation, string[]> = {
  father: [
    '父亲',
    '父親',
    '爸爸',
    '爸',
    '父',
    '老爸',
    '阿爸',
    '爹',
    '爹爹',
    '父子',
    '父女',
    '养父',
    '養父',
    'father',
    'dad',
    'daddy',
  ],
  mother: [
    '母亲',
    '母親',
    '妈妈',
    '媽媽',
    '妈',
    '媽',
    '母',
    '老妈',
    '老媽',
    '阿妈',
    '阿媽',
    '娘',
    '母子',
    '母女',
    '养母',
    '養母',
    'mother',
    'mom',
    'mum',
    'mommy',
  ],
  grandparent: [
    '祖父母',
    '祖父',
    '祖母',
    '爷爷',
    '爺爺',
    '奶奶',
    '爷奶',
    '爺奶',
    '爷爷奶奶',
    '爺爺奶奶',
    '阿嬷',
    '阿嬤',
    '嫲嫲',
    '祖孙',
    '祖孫',
    'grandparent',
    'grandparents',
    'grandfather',
    'grandmother',
    'grandpa',
    'grandma',
    'paternal grandparent',
    'paternal grandfather',
    'paternal grandmother',
  ],
  maternal_grandparent: [
    '外祖父母',
    '外祖父',
    '外祖母',
    '外公',
    '外婆',
    '姥爷',
    '姥爺',
    '姥姥',
    '外公外婆',
    '姥姥姥爷',
    '姥姥姥爺',
    'maternal grandparent',
    'maternal grandparents',
    'maternal grandfather',
    'maternal grandmother',
  ],
  other_guardian: [
    '其他监护人',
    '其他監護人',
    '其他',
    '其它',
    '监护人',
    '監護人',
    '其他亲属',
    '其他親屬',
    '亲属',
    '親屬',
    '亲戚',
    '親戚',
    '继父',
    '繼父',
    '继母',
    '繼母',
    '叔叔',
    '叔父',
    '伯伯',
    '伯父',
    '伯母',
    '婶婶',
    '嬸嬸',
    '姑姑',
    '姑妈',
    '姑媽',
    '姑父',
    '舅舅',
    '舅妈',
    '舅媽',
    '姨妈',
    '姨媽',
    '阿姨',
    '姨父',
    '哥哥',
    '姐姐',
    '兄',
    '姐',
    '兄长',
    '兄長',
    '姐夫',
    '嫂子',
    '福利院',
    '老师',
    '老師',
    'other',
    'other guardian',
    'guardian',
    'relative',
    'uncle',
    'aunt',
    'brother',
    'sister',
    'stepfather',
    'stepmother',
  ],
};

function relationKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000_-]+/g, ' ')
    .trim();
}

const LOOKUP = new Map<string, GuardianRelation>();
for (const [relation, words] of Object.entries(WORDS) as [GuardianRelation, string[]][]) {
  for (const word of words) LOOKUP.set(relationKey(word), relation);
  LOOKUP.set(relationKey(relation), relation);
}

/** Normalises a relation cell, or returns null when it is not a relation we know. */
export function normaliseRelation(raw: string): GuardianRelation | null {
  const key = relationKey(raw);
  if (key === '') return null;
  return LOOKUP.get(key) ?? LOOKUP.get(key.replace(/ /g, '')) ?? null;
}
