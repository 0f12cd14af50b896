/**
 * Name parts and population weights. Surnames weighted for Zhejiang (金, 叶, 潘 are far more common there
 * than nationally) with the 畲族 surnames 蓝, 雷, 钟 of 丽水's 景宁畲族自治县.
 */
export const surnames: readonly (readonly [string, number])[] = [
  ['王', 60],
  ['陈', 62],
  ['张', 45],
  ['李', 44],
  ['吴', 40],
  ['周', 30],
  ['徐', 28],
  ['金', 22],
  ['叶', 22],
  ['林', 24],
  ['胡', 20],
  ['郑', 18],
  ['杨', 20],
  ['朱', 17],
  ['黄', 16],
  ['潘', 12],
  ['刘', 20],
  ['何', 10],
  ['蒋', 9],
  ['方', 10],
  ['俞', 6],
  ['汪', 7],
  ['沈', 9],
  ['章', 6],
  ['应', 5],
  ['毛', 6],
  ['赵', 8],
  ['孙', 7],
  ['马', 5],
  ['许', 7],
  ['钱', 5],
  ['邵', 5],
  ['项', 4],
  ['梅', 3],
  ['程', 4],
  ['傅', 5],
  ['蓝', 8],
  ['雷', 9],
  ['钟', 7],
  ['季', 3],
  ['留', 2],
  ['柳', 3],
  ['翁', 3],
  ['董', 5],
  ['余', 6],
  ['范', 4],
  ['姜', 4],
  ['吕', 4],
  ['丁', 4],
  ['袁', 3],
  ['谢', 5],
  ['卢', 4],
  ['罗', 4],
  ['高', 5],
  ['郭', 4],
  ['曹', 3],
  ['邱', 3],
  ['夏', 3],
  ['任', 3],
  ['宋', 4],
  ['唐', 3],
  ['韩', 2],
  ['冯', 3],
  ['邓', 2],
  ['彭', 2],
  ['曾', 2],
  ['肖', 2],
  ['田', 2],
  ['魏', 2],
  ['苏', 2],
  ['姚', 3],
  ['陆', 4],
  ['顾', 2],
  ['戴', 3],
  ['严', 2],
  ['华', 2],
  ['诸葛', 1],
  ['欧阳', 1],
  ['司马', 0.5],
  ['上官', 0.5],
];

/** Characters used in given names; two-character names are the norm, one-character names ~15 %. */
export const givenNameCharacters = {
  男: '伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建政成康星光天志坤博文豪锦晨昊睿泽轩铭航翔哲瑞峰毅彬远澄楷晟',
  女: '芳娜敏静丽艳娟霞秀燕玲桂丹萍红琳雪慧颖佳倩婷洁璐琪欣怡悦诗雨晴梦涵瑶萱妍彤蕾薇琴蓉菲莹楠蕊璇琳娅婉馨姝',
} as const;

/** Ethnic groups besides 汉族, with the share among students from 丽水 (畲族) and from elsewhere. */
export const minorityEthnicities = [
  '畲族',
  '土家族',
  '苗族',
  '回族',
  '壮族',
  '彝族',
  '布依族',
  '侗族',
  '满族',
  '藏族',
];

export interface OriginWeight {
  readonly provinceCode: string;
  /** Per-mille share of students. */
  readonly weight: number;
}

/** Students' origin provinces: ~86 % from 浙江 and a national tail, typical of a provincial university. */
export const originProvinces: readonly OriginWeight[] = [
  { provinceCode: '330000', weight: 860 },
  { provinceCode: '340000', weight: 16 },
  { provinceCode: '360000', weight: 13 },
  { provinceCode: '410000', weight: 10 },
  { provinceCode: '520000', weight: 9 },
  { provinceCode: '510000', weight: 7 },
  { provinceCode: '620000', weight: 6 },
  { provinceCode: '530000', weight: 6 },
  { provinceCode: '450000', weight: 5 },
  { provinceCode: '350000', weight: 5 },
  { provinceCode: '140000', weight: 4 },
  { provinceCode: '430000', weight: 4 },
  { provinceCode: '420000', weight: 4 },
  { provinceCode: '320000', weight: 4 },
  { provinceCode: '370000', weight: 4 },
  { provinceCode: '130000', weight: 3 },
  { provinceCode: '500000', weight: 3 },
  { provinceCode: '610000', weight: 3 },
  { provinceCode: '650000', weight: 3 },
  { provinceCode: '440000', weight: 2 },
  { provinceCode: '230000', weight: 2 },
  { provinceCode: '220000', weight: 2 },
  { provinceCode: '210000', weight: 2 },
  { provinceCode: '150000', weight: 2 },
  { provinceCode: '460000', weight: 2 },
  { provinceCode: '310000', weight: 1 },
  { provinceCode: '540000', weight: 1 },
  { provinceCode: '630000', weight: 1 },
  { provinceCode: '640000', weight: 1 },
  { provinceCode: '110000', weight: 1 },
  { provinceCode: '120000', weight: 1 },
];

/** Cities of 浙江: 丽水 itself sends the most, then the neighbouring south and centre of the province. */
export const zhejiangCityWeights: Readonly<Record<string, number>> = {
  '331100': 22,
  '330300': 15,
  '330700': 13,
  '331000': 11,
  '330100': 8,
  '330200': 7,
  '330600': 6,
  '330800': 7,
  '330400': 4,
  '330500': 4,
  '330900': 1.5,
};

export interface StaffCategory {
  readonly name: string;
  readonly share: number;
  /** Professional titles with their share within the category. */
  readonly titles: readonly (readonly [title: string, level: string, share: number])[];
  /** Highest degree shares: 博士, 硕士, 学士. */
  readonly degrees: readonly [number, number, number];
}

export const staffCategories: readonly StaffCategory[] = [
  {
    name: '专任教师',
    share: 0.66,
    titles: [
      ['教授', '正高级', 0.14],
      ['副教授', '副高级', 0.34],
      ['讲师', '中级', 0.42],
      ['助教', '初级', 0.1],
    ],
    degrees: [0.52, 0.42, 0.06],
  },
  {
    name: '管理人员',
    share: 0.18,
    titles: [
      ['研究员', '正高级', 0.04],
      ['副研究员', '副高级', 0.18],
      ['助理研究员', '中级', 0.48],
      ['研究实习员', '初级', 0.3],
    ],
    degrees: [0.08, 0.62, 0.3],
  },
  {
    name: '教学辅助人员',
    share: 0.11,
    titles: [
      ['研究馆员', '正高级', 0.03],
      ['高级实验师', '副高级', 0.2],
      ['高级工程师', '副高级', 0.12],
      ['实验师', '中级', 0.3],
      ['工程师', '中级', 0.2],
      ['助理实验师', '初级', 0.15],
    ],
    degrees: [0.06, 0.55, 0.39],
  },
  {
    name: '工勤人员',
    share: 0.05,
    titles: [
      ['高级工', '技术工人', 0.5],
      ['中级工', '技术工人', 0.5],
    ],
    degrees: [0, 0.05, 0.4],
  },
];

/** Political status (政治面貌) of students, with shares. */
export const politicalStatuses: readonly (readonly [string, number])[] = [
  ['共青团员', 0.78],
  ['中共党员', 0.04],
  ['中共预备党员', 0.03],
  ['群众', 0.15],
];
