import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAMPUS_ORIGIN } from '../src/seed/data/campus';
import { decodeEchartsMap, decodeEchartsRing, type EchartsMap, type Ring } from './echarts-geo';

const mapDirectory = join(
  dirname(createRequire(import.meta.url).resolve('echarts-v4-maps/package.json')),
  'map',
  'json',
);
const readMap = (file: string) => JSON.parse(readFileSync(join(mapDirectory, file), 'utf8')) as EchartsMap;

/** Even-odd ray casting. */
function inside([x, y]: [number, number], ring: Ring): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

function ringsOf(geometry: unknown): Ring[] {
  const { type, coordinates } = geometry as { type: string; coordinates: unknown };
  return type === 'Polygon' ? (coordinates as Ring[]) : (coordinates as Ring[][]).flat();
}

describe('decodeEchartsRing', () => {
  it('adds zig-zag decoded deltas to the offset and scales by 1024', () => {
    // '@' is 0 (no move); 'B' is +1; 'A' is −1 (zig-zag: 1 → −1, 2 → +1).
    expect(decodeEchartsRing('@@BA', [1024, 2048])).toEqual([
      [1, 2],
      [1024 + 1, 2048 - 1].map((v) => v / 1024) as [number, number],
    ]);
  });
});

describe('decodeEchartsMap', () => {
  it('decodes 丽水 around the campus origin', () => {
    const zhejiang = decodeEchartsMap(readMap(join('province', 'zhejiang.json')));
    expect(zhejiang.features.map((f) => f.properties.code)).toContain('331100');
    const containsCampus = (code: string) => {
      const feature = zhejiang.features.find((f) => f.properties.code === code)!;
      return ringsOf(feature.geometry).some((ring) => inside([CAMPUS_ORIGIN.lon, CAMPUS_ORIGIN.lat], ring));
    };
    expect(containsCampus('331100')).toBe(true);
    expect(containsCampus('330100')).toBe(false);
  });

  it('decodes all 34 provinces of the national map', () => {
    expect(decodeEchartsMap(readMap('china.json')).features).toHaveLength(34);
  });
});
