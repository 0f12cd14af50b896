/**
 * Top classes of the Chinese Library Classification (中国图书馆分类法) with their share of loans at a
 * comprehensive university, and words to compose plausible titles.
 */
export interface BookCategory {
  readonly code: string;
  readonly name: string;
  /** Share of loans (percent). */
  readonly loanShare: number;
  /** Subjects of titles in this class. */
  readonly subjects: readonly string[];
}

export const bookCategories: readonly BookCategory[] = [
  {
    code: 'A',
    name: '马克思主义、列宁主义、毛泽东思想、邓小平理论',
    loanShare: 1,
    subjects: ['马克思主义基本原理', '毛泽东思想', '习近平新时代中国特色社会主义思想', '党史'],
  },
  {
    code: 'B',
    name: '哲学、宗教',
    loanShare: 5,
    subjects: ['中国哲学', '西方哲学', '心理学', '伦理学', '逻辑学', '美学'],
  },
  {
    code: 'C',
    name: '社会科学总论',
    loanShare: 2,
    subjects: ['社会学', '统计学', '人口学', '管理学', '社会调查方法'],
  },
  {
    code: 'D',
    name: '政治、法律',
    loanShare: 4,
    subjects: ['民法典', '行政法', '刑法学', '国际关系', '乡村治理', '基层治理'],
  },
  { code: 'E', name: '军事', loanShare: 0.5, subjects: ['军事理论', '国防教育', '军事史'] },
  {
    code: 'F',
    name: '经济',
    loanShare: 10,
    subjects: [
      '会计学',
      '财务管理',
      '市场营销',
      '电子商务',
      '数字经济',
      '共同富裕',
      '乡村振兴',
      '金融学',
      '旅游经济',
    ],
  },
  {
    code: 'G',
    name: '文化、科学、教育、体育',
    loanShare: 8,
    subjects: [
      '教育心理学',
      '学前教育',
      '课程与教学论',
      '班级管理',
      '体育教学',
      '信息技术与教育',
      '考研英语',
    ],
  },
  {
    code: 'H',
    name: '语言、文字',
    loanShare: 8,
    subjects: ['大学英语', '英语写作', '日语', '现代汉语', '古代汉语', '翻译', '雅思', '英语四六级'],
  },
  {
    code: 'I',
    name: '文学',
    loanShare: 25,
    subjects: ['长篇小说', '散文', '诗歌', '中国现代文学', '外国文学', '网络文学', '推理小说', '科幻小说'],
  },
  {
    code: 'J',
    name: '艺术',
    loanShare: 4,
    subjects: ['设计素描', '色彩', '视觉传达', '青瓷艺术', '陶瓷工艺', '音乐欣赏', '摄影', '书法'],
  },
  {
    code: 'K',
    name: '历史、地理',
    loanShare: 6,
    subjects: ['中国通史', '世界史', '浙江地方史', '处州文化', '考古', '人文地理'],
  },
  { code: 'N', name: '自然科学总论', loanShare: 0.8, subjects: ['科学史', '科学方法论', '系统科学'] },
  {
    code: 'O',
    name: '数理科学和化学',
    loanShare: 4,
    subjects: ['高等数学', '线性代数', '概率论与数理统计', '大学物理', '有机化学', '分析化学'],
  },
  { code: 'P', name: '天文学、地球科学', loanShare: 0.5, subjects: ['天文学', '地质学', '气象学'] },
  {
    code: 'Q',
    name: '生物科学',
    loanShare: 2,
    subjects: ['生态学', '植物学', '微生物学', '遗传学', '生物化学'],
  },
  {
    code: 'R',
    name: '医药、卫生',
    loanShare: 5,
    subjects: ['内科护理学', '人体解剖学', '生理学', '病理学', '药理学', '预防医学'],
  },
  { code: 'S', name: '农业科学', loanShare: 1.5, subjects: ['园林植物', '茶学', '食用菌栽培', '农业生态'] },
  {
    code: 'T',
    name: '工业技术',
    loanShare: 12,
    subjects: [
      'Python程序设计',
      '数据结构',
      '机器学习',
      '数据库系统',
      '电路分析',
      '机械制图',
      '自动控制原理',
      '土木工程施工',
      '人工智能',
    ],
  },
  { code: 'U', name: '交通运输', loanShare: 0.4, subjects: ['交通工程', '汽车构造'] },
  { code: 'V', name: '航空、航天', loanShare: 0.2, subjects: ['航空概论', '航天技术'] },
  {
    code: 'X',
    name: '环境科学、安全科学',
    loanShare: 1,
    subjects: ['环境监测', '水污染控制', '生态修复', '安全工程'],
  },
  { code: 'Z', name: '综合性图书', loanShare: 0.1, subjects: ['百科全书', '年鉴'] },
];

/** Title patterns: `{}` is the subject. */
export const titlePatterns: readonly string[] = [
  '{}',
  '{}教程',
  '{}导论',
  '{}基础',
  '{}（第2版）',
  '{}（第3版）',
  '{}案例分析',
  '{}理论与实践',
  '{}研究',
  '{}十五讲',
  '图解{}',
  '{}学习指导',
  '{}新论',
  '{}简明读本',
  '{}概论',
];

/** Titles for fiction (class I), combined as `{adjective}{noun}`. */
export const fictionWords = {
  adjectives: [
    '长夜',
    '远方',
    '山河',
    '风起',
    '星辰',
    '人间',
    '时光',
    '南方',
    '故乡',
    '青瓷',
    '雨后',
    '白鹭',
    '流年',
    '灯火',
  ],
  nouns: ['的故事', '与少年', '之歌', '纪事', '往事', '尽头', '的旅人', '笔记', '来信', '岁月'],
};

export const publishers: readonly string[] = [
  '高等教育出版社',
  '人民出版社',
  '商务印书馆',
  '中华书局',
  '人民文学出版社',
  '清华大学出版社',
  '机械工业出版社',
  '人民邮电出版社',
  '电子工业出版社',
  '科学出版社',
  '浙江大学出版社',
  '浙江人民出版社',
  '浙江教育出版社',
  '北京大学出版社',
  '人民卫生出版社',
  '中国农业出版社',
  '上海译文出版社',
  '译林出版社',
  '三联书店',
  '中国人民大学出版社',
];
