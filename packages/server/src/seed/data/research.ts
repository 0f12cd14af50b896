/** Research project levels with yearly counts at scale 1, funding ranges (万元) and programmes. */
export const projectLevels: readonly {
  readonly level: string;
  readonly perYear: number;
  readonly funding: readonly [min: number, max: number];
  readonly years: number;
  readonly sources: readonly string[];
}[] = [
  {
    level: '国家级',
    perYear: 9,
    funding: [20, 60],
    years: 4,
    sources: [
      '国家自然科学基金面上项目',
      '国家自然科学基金青年科学基金项目',
      '国家社会科学基金一般项目',
      '国家社会科学基金青年项目',
      '国家社会科学基金西部项目',
    ],
  },
  {
    level: '省部级',
    perYear: 38,
    funding: [5, 20],
    years: 3,
    sources: [
      '浙江省自然科学基金',
      '浙江省哲学社会科学规划课题',
      '教育部人文社会科学研究项目',
      '浙江省重点研发计划',
      '浙江省软科学研究计划',
    ],
  },
  {
    level: '厅局级',
    perYear: 72,
    funding: [0.5, 5],
    years: 2,
    sources: [
      '浙江省教育厅科研项目',
      '浙江省卫生健康科技计划',
      '丽水市公益性技术应用研究计划',
      '丽水市哲学社会科学规划课题',
      '浙江省文化和旅游厅课题',
    ],
  },
  {
    level: '横向',
    perYear: 95,
    funding: [2, 120],
    years: 1,
    sources: ['企业委托技术开发', '企业委托技术服务', '政府委托咨询研究', '技术转让'],
  },
];

/** Research topics per college code, combined with framings below. */
export const researchTopics: Readonly<Record<string, readonly string[]>> = {
  '01': ['智能制造装备故障诊断', '新能源汽车电机控制', '山区公路边坡稳定性', '工业机器人路径规划'],
  '02': ['山区老年慢性病管理', '社区护理服务模式', '基层医疗卫生服务能力', '中医药防治糖尿病'],
  '03': ['乡村小学教师专业发展', '学前儿童社会性发展', '山区教育数字化转型', '劳动教育课程建设'],
  '04': ['生态产品价值实现机制', '山区县域数字经济', '丽水农产品电商品牌', '民营企业高质量发展'],
  '05': ['畲族文化传承与保护', '民族地区乡村振兴', '景宁畲族自治县生态旅游', '铸牢中华民族共同体意识教育'],
  '06': ['非遗数字化设计', '乡村景观营造', '红色文化视觉传播', '地方民歌传承'],
  '07': ['百山祖国家公园生物多样性', '瓯江流域水生态修复', '食用菌菌种选育', '茶园碳汇计量'],
  '08': ['偏微分方程数值解', '新型纳米催化材料', '复杂网络动力学', '贝叶斯统计推断'],
  '09': ['处州地方文献整理', '浙西南革命精神', '网络新媒体传播', '刘基文化研究'],
  '10': ['跨文化交际能力培养', '地方文化外宣翻译', '大学英语混合式教学', '日语语料库'],
  '11': ['共同富裕示范区建设', '高校思政课教学改革', '"绿水青山就是金山银山"理念实践', '红色资源育人'],
  '12': ['龙泉青瓷釉料配方', '哥窑开片工艺', '青瓷文化创意产品', '陶瓷3D打印成型'],
  '13': ['青少年体质健康促进', '山地户外运动产业', '民族传统体育项目传承', '运动损伤康复'],
  '14': ['联邦学习隐私保护', '遥感影像智能识别', '高校数据治理与数据仓库', '大语言模型教育应用'],
};

export const researchFramings: readonly string[] = [
  '{}研究',
  '{}关键技术研究',
  '{}机制与路径研究',
  '共同富裕背景下{}研究',
  '基于大数据的{}研究',
  '山区26县{}实证研究',
  '数字化改革视域下{}研究',
];

/** Reimbursement categories with share, typical amount (元) and spread. */
export const claimCategories: readonly (readonly [
  category: string,
  share: number,
  median: number,
  spread: number,
])[] = [
  ['差旅费', 34, 1800, 0.8],
  ['劳务费', 12, 2500, 0.7],
  ['材料费', 11, 3200, 1.0],
  ['办公费', 14, 900, 0.7],
  ['会议费', 6, 12000, 0.8],
  ['培训费', 5, 6000, 0.8],
  ['印刷费', 4, 1500, 0.8],
  ['专家咨询费', 4, 3000, 0.5],
  ['设备购置费', 4, 18000, 1.1],
  ['版面费', 6, 4000, 0.6],
];
