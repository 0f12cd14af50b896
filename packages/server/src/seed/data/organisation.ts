/** Degree levels offered, in the order students are counted. */
export const degreeLevels = ['本科', '专科', '硕士'] as const;
export type DegreeLevel = (typeof degreeLevels)[number];

export interface CollegeRecord {
  /** Two-digit college code, also the department code prefix. */
  readonly id: string;
  readonly name: string;
  /** Share of undergraduate and vocational students. */
  readonly studentWeight: number;
}

/** Fourteen colleges (二级学院) of a comprehensive provincial university in 丽水. */
export const colleges: readonly CollegeRecord[] = [
  { id: '01', name: '工学院', studentWeight: 13 },
  { id: '02', name: '医学院', studentWeight: 12 },
  { id: '03', name: '教师教育学院', studentWeight: 12 },
  { id: '04', name: '商学院', studentWeight: 11 },
  { id: '05', name: '民族学院', studentWeight: 5 },
  { id: '06', name: '艺术学院', studentWeight: 6 },
  { id: '07', name: '生态学院', studentWeight: 7 },
  { id: '08', name: '理学院', studentWeight: 7 },
  { id: '09', name: '人文学院', studentWeight: 7 },
  { id: '10', name: '外国语学院', studentWeight: 6 },
  { id: '11', name: '马克思主义学院', studentWeight: 2 },
  { id: '12', name: '中国青瓷学院', studentWeight: 4 },
  { id: '13', name: '体育学院', studentWeight: 4 },
  { id: '14', name: '信息技术学院', studentWeight: 10 },
];

export interface MajorRecord {
  /** Code from the Ministry of Education catalogue (本科专业目录, 职业教育专业目录, 学位授予学科目录). */
  readonly code: string;
  readonly name: string;
  readonly collegeId: string;
  readonly level: DegreeLevel;
  /** 学科门类 */
  readonly discipline: string;
  /** Years of study. */
  readonly years: number;
  /** Relative intake within its level. */
  readonly weight: number;
  /** First intake year (硕士 programmes started after the 2022 degree authorisation). */
  readonly since: number;
}

const major = (
  code: string,
  name: string,
  collegeId: string,
  discipline: string,
  weight = 1,
  level: DegreeLevel = '本科',
  since = 2000,
): MajorRecord => ({
  code,
  name,
  collegeId,
  level,
  discipline,
  years: level === '本科' ? (code === '100201K' ? 5 : 4) : 3,
  weight,
  since,
});

export const majors: readonly MajorRecord[] = [
  major('080202', '机械设计制造及其自动化', '01', '工学', 1.2),
  major('080601', '电气工程及其自动化', '01', '工学', 1.2),
  major('081001', '土木工程', '01', '工学'),
  major('080801', '自动化', '01', '工学', 0.8),
  major('100201K', '临床医学', '02', '医学', 1.4),
  major('101101', '护理学', '02', '医学', 1.4),
  major('100401K', '预防医学', '02', '医学', 0.6),
  major('101001', '医学检验技术', '02', '医学', 0.6),
  major('040106', '学前教育', '03', '教育学', 1.4),
  major('040107', '小学教育', '03', '教育学', 1.6),
  major('040104', '教育技术学', '03', '教育学', 0.6),
  major('040101', '教育学', '03', '教育学', 0.6),
  major('120203K', '会计学', '04', '管理学', 1.4),
  major('120201K', '工商管理', '04', '管理学'),
  major('020401', '国际经济与贸易', '04', '经济学', 0.8),
  major('120801', '电子商务', '04', '管理学', 0.9),
  major('020302', '金融工程', '04', '经济学', 0.7),
  major('120901K', '旅游管理', '05', '管理学', 1.1),
  major('030302', '社会工作', '05', '法学', 0.8),
  major('030401', '民族学', '05', '法学', 0.5),
  major('130502', '视觉传达设计', '06', '艺术学'),
  major('130503', '环境设计', '06', '艺术学'),
  major('130202', '音乐学', '06', '艺术学', 0.8),
  major('130401', '美术学', '06', '艺术学', 0.7),
  major('090502', '园林', '07', '农学'),
  major('082502', '环境工程', '07', '工学'),
  major('071001', '生物科学', '07', '理学', 0.8),
  major('090101', '农学', '07', '农学', 0.6),
  major('070101', '数学与应用数学', '08', '理学', 1.2),
  major('070201', '物理学', '08', '理学', 0.7),
  major('070301', '化学', '08', '理学', 0.8),
  major('071201', '统计学', '08', '理学', 0.6),
  major('050101', '汉语言文学', '09', '文学', 1.5),
  major('060101', '历史学', '09', '历史学', 0.6),
  major('050306T', '网络与新媒体', '09', '文学', 0.8),
  major('050201', '英语', '10', '文学', 1.3),
  major('050262', '商务英语', '10', '文学', 0.8),
  major('050207', '日语', '10', '文学', 0.5),
  major('030503', '思想政治教育', '11', '法学'),
  major('130507', '工艺美术', '12', '艺术学'),
  major('130510TK', '陶瓷艺术设计', '12', '艺术学', 0.8),
  major('040201', '体育教育', '13', '教育学'),
  major('040203', '社会体育指导与管理', '13', '教育学', 0.6),
  major('080901', '计算机科学与技术', '14', '工学', 1.5),
  major('080910T', '数据科学与大数据技术', '14', '工学', 1),
  major('080717T', '人工智能', '14', '工学', 0.8),
  major('080902', '软件工程', '14', '工学', 1.1),
  major('080703', '通信工程', '14', '工学', 0.7),
  major('520201', '护理（专科）', '02', '医药卫生大类', 1.5, '专科'),
  major('570102K', '学前教育（专科）', '03', '教育与体育大类', 1.2, '专科'),
  major('530302', '大数据与会计（专科）', '04', '财经商贸大类', 0.8, '专科'),
  major('0451', '教育硕士', '03', '教育学', 1.4, '硕士', 2023),
  major('0854', '电子信息硕士', '14', '工学', 1, '硕士', 2023),
  major('1054', '护理硕士', '02', '医学', 0.6, '硕士', 2024),
  major('0951', '农业硕士', '07', '农学', 0.6, '硕士', 2024),
];

export interface DepartmentRecord {
  /** Three-digit code: `1xx` colleges (xx = college code), `2xx` offices, `3xx` service units. */
  readonly id: string;
  readonly name: string;
  /** `学院`, `党政职能部门` or `直属单位`. */
  readonly kind: string;
  /** Share of administrative and support staff. */
  readonly staffWeight: number;
}

export const departments: readonly DepartmentRecord[] = [
  ...colleges.map((college) => ({ id: `1${college.id}`, name: college.name, kind: '学院', staffWeight: 1 })),
  ...(
    [
      ['201', '党委办公室（校长办公室）', 3],
      ['202', '党委组织部（党校）', 2],
      ['203', '党委宣传部', 1.5],
      ['204', '学生工作部（学生处）', 3],
      ['205', '团委', 1],
      ['206', '教务处', 4],
      ['207', '研究生处', 1.5],
      ['208', '科学技术处', 2],
      ['209', '人事处', 2.5],
      ['210', '财务处', 3.5],
      ['211', '审计处', 1],
      ['212', '国际交流与合作处', 1],
      ['213', '招生就业处', 2],
      ['214', '实验室与资产管理处', 2],
      ['215', '后勤管理处', 4],
      ['216', '保卫处', 3],
      ['217', '发展规划处', 1],
      ['218', '纪委办公室', 1],
    ] as const
  ).map(([id, name, staffWeight]) => ({ id, name, kind: '党政职能部门', staffWeight })),
  ...(
    [
      ['301', '图书馆', 5],
      ['302', '信息技术中心', 3],
      ['303', '教师发展中心', 1],
      ['304', '继续教育学院', 2],
      ['305', '校医院', 2],
      ['306', '档案馆', 1],
      ['307', '学报编辑部', 1],
    ] as const
  ).map(([id, name, staffWeight]) => ({ id, name, kind: '直属单位', staffWeight })),
];
