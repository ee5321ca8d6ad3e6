// Word lists for the synthetic corpus. Every person, place and project here is invented; the
// phrasing imitates the register of Beijing district news without copying any article.
import type { Rng } from './rng';

export const DISTRICTS = [
  '东城区',
  '西城区',
  '朝阳区',
  '海淀区',
  '丰台区',
  '石景山区',
  '门头沟区',
  '房山区',
  '通州区',
  '顺义区',
  '昌平区',
  '大兴区',
  '怀柔区',
  '平谷区',
  '密云区',
  '延庆区',
] as const;

/** Pinyin for the districts, so some articles carry "区名(pinyin)" glosses the pipeline strips. */
export const DISTRICT_PINYIN: Record<string, string> = {
  东城区: 'Dōngchéng Qū',
  西城区: 'Xīchéng Qū',
  朝阳区: 'Cháoyáng Qū',
  海淀区: 'Hǎidiàn Qū',
  丰台区: 'Fēngtái Qū',
  石景山区: 'Shíjǐngshān Qū',
  门头沟区: 'Méntóugōu Qū',
  房山区: 'Fángshān Qū',
  通州区: 'Tōngzhōu Qū',
  顺义区: 'Shùnyì Qū',
  昌平区: 'Chāngpíng Qū',
  大兴区: 'Dàxīng Qū',
  怀柔区: 'Huáiróu Qū',
  平谷区: 'Pínggǔ Qū',
  密云区: 'Mìyún Qū',
  延庆区: 'Yánqìng Qū',
};

const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文',
];
const GIVEN = [...'建国华明伟军志红立新海东文平春晓宏永德光庆宇玉林峰涛斌敏静丽燕颖磊鹏辉强刚勇杰思远卫青松岩宁泽铭昊晨瑞琳欣然嘉凯'];

export const ROLES = [
  '区委书记',
  '区长',
  '区委副书记',
  '常务副区长',
  '副区长',
  '区人大常委会主任',
  '区政协主席',
  '区委常委、组织部部长',
  '区委常委、宣传部部长',
  '区委常委、政法委书记',
  '区纪委书记、区监委主任',
  '街道工委书记',
  '镇党委书记',
  '市委常委',
  '副市长',
  '区委常委、常务副区长',
  '区发展改革委主任',
] as const;

export const SOURCES = ['北京日报', '北京晚报', '京报网', '区融媒体中心', '首都之窗', '北京青年报', '新京报'] as const;

const PLACE_PARTS_A = [...'龙泉永定清河北苑南口长阳宋庄天竺马坊潞城永乐金盏温泉西红门回天黄村窦店雁栖'];
const PLACE_PARTS_B = ['湖', '河畔', '东岸', '新城', '镇', '片区', '大街', '科学城', '园', '台地', '湾'];

export const PROJECT_TYPES = [
  '科技园',
  '产业园',
  '棚户区改造项目',
  '综合管廊工程',
  '体育中心',
  '文化艺术中心',
  '城市森林公园',
  '站城一体化项目',
  '老旧小区综合整治项目',
  '医院新院区',
  '污水处理厂升级改造工程',
  '便民服务中心',
  '智慧物流港',
  '人才公寓',
  '生态修复工程',
  '数字经济产业基地',
  '中小学新校区',
  '养老照料中心',
] as const;

export const PHASES = ['', '', '', '一期', '二期', '三期', '（南区）', '（北区）'] as const;

const SLOGAN_VERBS = ['提质', '增效', '共建', '共享', '强基', '惠民', '聚力', '攻坚', '守正', '创新', '提速', '赋能', '扩容', '优化'];
const SLOGAN_NOUNS = ['服务', '环境', '品质', '治理', '民生', '产业', '生态', '营商', '基层', '科技', '文化', '城市'];
const NUMERALS = ['两', '三', '四', '五', '六', '七', '八', '十'];
const SLOGAN_TAILS = ['行动', '工程', '计划', '攻坚战', '专项行动', '提升年'];

export const TOPICS = [
  '重点项目建设',
  '城市更新',
  '基层治理',
  '生态环境保护',
  '营商环境优化',
  '疏解整治促提升',
  '民生实事办理',
  '安全生产',
  '防汛准备',
  '冬季供暖保障',
  '乡村振兴',
  '高精尖产业发展',
  '接诉即办',
  '文化建设',
] as const;

export const MEETINGS = [
  '区委常委会会议',
  '区政府常务会议',
  '区委理论学习中心组学习会',
  '全区重点工作推进会',
  '区委全会',
  '工委会议',
  '区人大常委会会议',
  '街乡工作调度会',
] as const;

export const VERB_PHRASES = [
  '压实工作责任',
  '强化统筹调度',
  '倒排工期、挂图作战',
  '抓好任务落实',
  '加强部门协同',
  '回应群众关切',
  '守住安全底线',
  '坚持问题导向',
  '提高服务效能',
  '推动政策落地见效',
  '做好要素保障',
  '持续改善人居环境',
  '加快补齐短板',
  '推动高质量发展',
  '营造良好氛围',
  '确保按期完工',
] as const;

export const TARGET_UNITS = [
  ['新增就业岗位', '万个'],
  ['完成老旧小区改造', '个'],
  ['新建充电桩', '个'],
  ['新增绿化面积', '公顷'],
  ['地区生产总值增长', '%左右'],
  ['森林覆盖率达到', '%'],
  ['新建和改扩建学校', '所'],
  ['新增养老床位', '张'],
  ['完成固定资产投资', '亿元'],
  ['改造城市道路', '公里'],
  ['细颗粒物年均浓度控制在', '微克/立方米以内'],
  ['新增普惠托育位', '个'],
  ['实施棚户区改造', '户'],
  ['打造便民生活圈', '个'],
] as const;

export function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return rng.pick(SURNAMES) + given;
}

export function placeName(rng: Rng): string {
  return rng.pick(PLACE_PARTS_A) + rng.pick(PLACE_PARTS_A) + rng.pick(PLACE_PARTS_B);
}

export function projectName(rng: Rng): string {
  return placeName(rng) + rng.pick(PROJECT_TYPES) + rng.pick(PHASES);
}

/** A slogan without its quotation marks, e.g. 提质增效、共建共享 or 五大民生工程. */
export function sloganText(rng: Rng): string {
  switch (rng.int(0, 2)) {
    case 0:
      return `${rng.pick(SLOGAN_VERBS)}${rng.pick(SLOGAN_VERBS)}、${rng.pick(SLOGAN_VERBS)}${rng.pick(SLOGAN_VERBS)}`;
    case 1:
      return `${rng.pick(NUMERALS)}大${rng.pick(SLOGAN_NOUNS)}${rng.pick(SLOGAN_TAILS)}`;
    default:
      return `${rng.pick(SLOGAN_NOUNS)}${rng.pick(SLOGAN_VERBS)}${rng.pick(SLOGAN_TAILS)}`;
  }
}

export function targetNumber(rng: Rng, unit: string): string {
  if (unit.startsWith('%')) return String(rng.int(3, 70));
  if (unit.startsWith('微克')) return String(rng.int(25, 45));
  if (unit === '万个') return (rng.int(10, 90) / 10).toFixed(1);
  if (unit === '亿元') return String(rng.int(50, 900));
  return String(rng.int(2, 400) * (rng.chance(0.3) ? 10 : 1));
}
