import type { Prng } from './prng';

/** Fictional names for the demo street. Every place and person is made up. */
export const STREET_WORDS = [
  '清江',
  '望湖',
  '枫林',
  '长丰',
  '桃源',
  '云山',
  '汉桥',
  '新河',
  '梅岭',
  '翠柳',
  '月湖',
  '南岸',
  '秀水',
  '金沙',
  '松柏',
  '白沙',
  '青石',
  '丹桂',
  '龙泉',
  '凤鸣',
  '临江',
  '晴川',
  '紫薇',
  '杏林',
  '银杏',
  '荷塘',
  '柳岸',
  '锦绣',
  '东篱',
  '西岭',
];
const PLACE_WORDS = [
  '幸福',
  '和平',
  '建设',
  '光明',
  '团结',
  '友谊',
  '兴华',
  '民主',
  '振兴',
  '育才',
  '春晖',
  '朝阳',
  '永安',
  '长青',
  '景和',
  '瑞祥',
  '安居',
  '康宁',
  '丰收',
  '文昌',
  '华苑',
  '锦园',
  '海棠',
  '玉兰',
  '芙蓉',
  '茶花',
  '樱花',
  '香樟',
  '枫叶',
  '梧桐',
  '学府',
  '书香',
  '滨江',
  '临湖',
  '绿洲',
  '晨光',
  '星河',
  '天悦',
  '明珠',
  '紫荆',
];
const COMMUNITY_SUFFIXES = ['里', '园', '苑', '坊', '湾', '村', '路', '桥', '门', '街'];
const COMPOUND_SUFFIXES = ['小区', '花园', '家园', '新村', '公寓', '苑'];
const ROAD_SUFFIXES = ['路', '街', '大道'];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '高',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '魏',
  '苏',
  '吕',
  '丁',
  '任',
  '卢',
  '姚',
  '沈',
  '钟',
  '姜',
  '崔',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀',
  '霞',
  '平',
  '刚',
  '桂',
  '英',
  '华',
  '玉',
  '兰',
  '萍',
  '红',
  '建',
  '国',
  '文',
  '斌',
  '辉',
  '鹏',
  '宇',
  '浩',
  '婷',
  '雪',
  '琳',
  '晨',
  '欣',
  '怡',
  '佳',
  '俊',
  '峰',
  '波',
  '鑫',
  '凯',
  '颖',
  '倩',
  '梅',
  '莉',
  '燕',
  '亮',
];
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '176',
  '177',
  '180',
  '181',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '199',
];
/** Wuhan district codes (武昌, 江岸, 江汉, 硚口, 汉阳, 洪山): the demo street sits in that city. */
const REGION_CODES = ['420106', '420102', '420103', '420104', '420105', '420111'];

/** `count` distinct names `word + suffix`, in a seeded order. */
export function distinctNames(prng: Prng, count: number, suffixes: readonly string[], words = PLACE_WORDS): string[] {
  const all = prng.shuffle(words.flatMap((w) => suffixes.map((s) => w + s)));
  if (count > all.length) throw new Error(`only ${all.length} distinct names`);
  return all.slice(0, count);
}

export const communityNames = (p: Prng, n: number) => distinctNames(p, n, COMMUNITY_SUFFIXES);
export const compoundNames = (p: Prng, n: number) => distinctNames(p, n, COMPOUND_SUFFIXES);
export const roadNames = (p: Prng, n: number) => distinctNames(p, n, ROAD_SUFFIXES);

export function personName(p: Prng): string {
  return p.pick(SURNAMES) + p.pick(GIVEN) + (p.chance(0.7) ? p.pick(GIVEN) : '');
}

export function mobile(p: Prng): string {
  return p.pick(MOBILE_PREFIXES) + p.digits(8);
}

/** 027 is Wuhan's area code: office lines of departments. */
export function landline(p: Prng): string {
  return `027-8${p.digits(7)}`;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-character resident ID number (GB 11643) with a valid check character. Fake, never real. */
export function idNumber(p: Prng, birthYear: number, female: boolean): string {
  const month = String(p.int(1, 12)).padStart(2, '0');
  const day = String(p.int(1, 28)).padStart(2, '0');
  const seq = p.int(0, 99) * 10 + (female ? p.pick([0, 2, 4, 6, 8]) : p.pick([1, 3, 5, 7, 9]));
  const body = `${p.pick(REGION_CODES)}${birthYear}${month}${day}${String(seq).padStart(3, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + Number(c) * ID_WEIGHTS[i]!, 0);
  return body + ID_CHECK[sum % 11];
}

/** The first part of a shop's name: a place word (幸福) or an owner's (王记). */
export function shopPrefix(p: Prng): string {
  return p.chance(0.5) ? `${p.pick(SURNAMES)}记` : p.pick(PLACE_WORDS);
}
