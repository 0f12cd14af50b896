/** Campus origin (校园原点): the main gate square of the synthetic campus in 丽水市莲都区. */
export const CAMPUS_ORIGIN = { lon: 119.92, lat: 28.45 } as const;

/** Building kinds, which drive occupancy profiles (network clients, gate entries). */
export const buildingKinds = [
  '教学楼',
  '实验楼',
  '图书馆',
  '行政楼',
  '学生宿舍',
  '食堂',
  '体育馆',
  '其他',
] as const;
export type BuildingKind = (typeof buildingKinds)[number];

export interface BuildingPlan {
  readonly id: string;
  readonly name: string;
  readonly kind: BuildingKind;
  /** Centre east / north of the campus origin, metres. */
  readonly east: number;
  readonly north: number;
  /** Footprint width (east–west) and depth (north–south), metres. */
  readonly width: number;
  readonly depth: number;
  /** `rect`, or `L` / `U` shapes cut from the rectangle (courtyard buildings). */
  readonly shape: 'rect' | 'L' | 'U';
  readonly floors: number;
  readonly builtYear: number;
  /** Wireless access points at scale 1. */
  readonly accessPoints: number;
}

const b = (
  id: string,
  name: string,
  kind: BuildingKind,
  [east, north]: [number, number],
  [width, depth]: [number, number],
  shape: BuildingPlan['shape'],
  floors: number,
  builtYear: number,
  accessPoints: number,
): BuildingPlan => ({ id, name, kind, east, north, width, depth, shape, floors, builtYear, accessPoints });

const dorms = Array.from({ length: 12 }, (_, index) => {
  const row = Math.floor(index / 4);
  const column = index % 4;
  return b(
    `D${String(index + 1).padStart(2, '0')}`,
    `学生公寓${index + 1}号楼`,
    '学生宿舍',
    [520 + column * 75, 120 + row * 95],
    [55, 22],
    'rect',
    6,
    2004 + index,
    14,
  );
});

/** About forty buildings on a 1.1 km × 0.8 km campus, north of the main gate. */
export const buildingPlans: readonly BuildingPlan[] = [
  b('A01', '行政楼', '行政楼', [0, 160], [70, 28], 'rect', 9, 2003, 12),
  b('L01', '图书馆', '图书馆', [0, 330], [90, 80], 'U', 7, 2005, 40),
  b('T01', '第一教学楼', '教学楼', [-220, 230], [90, 30], 'L', 5, 2003, 12),
  b('T02', '第二教学楼', '教学楼', [-220, 330], [90, 30], 'L', 5, 2004, 12),
  b('T03', '第三教学楼', '教学楼', [-220, 430], [90, 30], 'L', 5, 2006, 12),
  b('T04', '第四教学楼', '教学楼', [-100, 480], [80, 26], 'rect', 6, 2010, 12),
  b('T05', '第五教学楼（智慧教室）', '教学楼', [100, 480], [80, 26], 'rect', 6, 2016, 12),
  b('T06', '艺术楼', '教学楼', [230, 480], [60, 40], 'U', 4, 2012, 10),
  b('S01', '工科实验楼', '实验楼', [-380, 260], [70, 45], 'U', 5, 2008, 15),
  b('S02', '医学实验楼', '实验楼', [-380, 360], [70, 45], 'U', 5, 2011, 15),
  b('S03', '理科实验楼', '实验楼', [-380, 460], [70, 45], 'U', 5, 2009, 15),
  b('S04', '信息技术中心（数据中心）', '实验楼', [150, 200], [45, 30], 'rect', 4, 2014, 6),
  b('S05', '青瓷研究院', '实验楼', [250, 300], [50, 30], 'L', 3, 2018, 6),
  b('C01', '第一食堂', '食堂', [420, 90], [60, 40], 'rect', 3, 2003, 6),
  b('C02', '第二食堂', '食堂', [420, 250], [60, 40], 'rect', 3, 2008, 6),
  b('C03', '第三食堂', '食堂', [860, 200], [50, 35], 'rect', 2, 2015, 6),
  b('G01', '体育馆', '体育馆', [-150, 620], [80, 60], 'rect', 3, 2012, 8),
  b('G02', '游泳馆', '体育馆', [-20, 640], [55, 35], 'rect', 2, 2017, 3),
  b('O01', '学术交流中心', '其他', [250, 90], [50, 30], 'L', 8, 2013, 6),
  b('O02', '校医院', '其他', [330, 30], [35, 20], 'rect', 3, 2006, 3),
  b('O03', '大学生活动中心', '其他', [330, 420], [50, 35], 'rect', 3, 2010, 5),
  ...dorms,
  b('D13', '研究生公寓', '学生宿舍', [860, 330], [50, 22], 'rect', 8, 2023, 12),
  b('D14', '教工周转房', '学生宿舍', [860, 420], [45, 20], 'rect', 6, 2009, 4),
];

/** Reading rooms (阅览室) of the library where seats are booked (座位预约), with their seat counts. */
export const readingRooms: readonly (readonly [name: string, floor: number, seats: number])[] = [
  ['一楼自修区', 1, 180],
  ['二楼社科阅览室', 2, 220],
  ['三楼自科阅览室', 3, 220],
  ['四楼期刊阅览室', 4, 120],
  ['五楼考研自习室', 5, 260],
  ['六楼研修间', 6, 40],
];

export interface GatePlan {
  readonly id: string;
  readonly name: string;
  /** `校门`, `图书馆闸机` or `宿舍门禁`. */
  readonly kind: string;
  /** Building the gate belongs to, or null for campus gates. */
  readonly buildingId: string | null;
  /** Relative traffic. */
  readonly weight: number;
}

export const gatePlans: readonly GatePlan[] = [
  { id: 'G-E', name: '东大门', kind: '校门', buildingId: null, weight: 3 },
  { id: 'G-S', name: '南大门（正门）', kind: '校门', buildingId: null, weight: 5 },
  { id: 'G-W', name: '西门', kind: '校门', buildingId: null, weight: 2 },
  { id: 'G-N', name: '北门', kind: '校门', buildingId: null, weight: 2 },
  { id: 'G-L1', name: '图书馆一楼闸机', kind: '图书馆闸机', buildingId: 'L01', weight: 4 },
  ...buildingPlans
    .filter((plan) => plan.kind === '学生宿舍' && plan.id !== 'D14')
    .map((plan) => ({
      id: `G-${plan.id}`,
      name: `${plan.name}门禁`,
      kind: '宿舍门禁',
      buildingId: plan.id,
      weight: 2,
    })),
];
