import { describe, expect, it } from 'vitest';
import { CAMPUS_ORIGIN } from './data/campus';
import { cities, provinces } from './data/regions.generated';
import { campusBuildings, footprintArea } from './geography';

describe('regions', () => {
  it('list the 34 province-level divisions with GB/T 2260 codes', () => {
    expect(provinces).toHaveLength(34);
    for (const province of provinces) expect(province.code).toMatch(/^[1-8]\d0000$/);
    expect(provinces.find((p) => p.code === '330000')).toMatchObject({
      name: '浙江省',
      shortName: '浙江',
      region: '华东',
    });
  });

  it('list every prefecture-level division under a province with a matching code prefix', () => {
    const provinceCodes = new Set(provinces.map((p) => p.code));
    for (const city of cities) {
      expect(city.code, city.name).toMatch(/^\d{6}$/);
      expect(provinceCodes.has(city.provinceCode), city.name).toBe(true);
      expect(city.code.slice(0, 2), city.name).toBe(city.provinceCode.slice(0, 2));
    }
    expect(new Set(cities.map((c) => c.code)).size).toBe(cities.length);
    expect(cities.filter((c) => ['地级市', '地区', '自治州', '盟'].includes(c.kind))).toHaveLength(333);
    expect(cities.filter((c) => c.provinceCode === '330000').map((c) => c.name)).toEqual([
      '杭州市',
      '宁波市',
      '温州市',
      '嘉兴市',
      '湖州市',
      '绍兴市',
      '金华市',
      '衢州市',
      '舟山市',
      '台州市',
      '丽水市',
    ]);
  });

  it('use the current codes of renumbered and merged divisions', () => {
    const byCode = new Map(cities.map((c) => [c.code, c.name]));
    expect(byCode.get('540600')).toBe('那曲市');
    expect(byCode.get('650500')).toBe('哈密市');
    expect(byCode.has('371200')).toBe(false);
    expect(byCode.get('659012')).toBe('白杨市');
  });
});

describe('campus buildings', () => {
  it('lie within 1.5 km of the campus origin in 丽水', () => {
    for (const { plan, centre } of campusBuildings()) {
      const metresEast =
        (centre[0] - CAMPUS_ORIGIN.lon) * 111_320 * Math.cos((CAMPUS_ORIGIN.lat * Math.PI) / 180);
      const metresNorth = (centre[1] - CAMPUS_ORIGIN.lat) * 111_320;
      expect(Math.hypot(metresEast, metresNorth), plan.name).toBeLessThan(1500);
    }
  });

  it('have closed, counter-clockwise (RFC 7946) footprints of positive area', () => {
    for (const { plan, footprint } of campusBuildings()) {
      const ring = footprint.coordinates[0]!;
      expect(ring[0]).toEqual(ring.at(-1));
      let twiceArea = 0;
      for (let i = 0; i + 1 < ring.length; i++)
        twiceArea += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
      expect(twiceArea, plan.name).toBeGreaterThan(0);
      expect(footprintArea(plan), plan.name).toBeGreaterThan(0);
    }
  });

  it('include teaching buildings, dormitories, the library, the administration building and laboratories', () => {
    const kinds = new Set(campusBuildings().map(({ plan }) => plan.kind));
    for (const kind of ['教学楼', '学生宿舍', '图书馆', '行政楼', '实验楼'])
      expect(kinds.has(kind as never)).toBe(true);
  });
});
