/**
 * Build-time extraction of China's provinces and prefecture-level divisions (GB/T 2260 codes and names)
 * from the map data shipped in echarts 4.9 (Apache-2.0), installed as the dev dependency `echarts-v4-maps`.
 *
 * Writes `src/seed/data/regions.generated.ts`, so the seed never needs echarts at run time.
 * Run after changing the corrections below:
 *
 *   npx tsx packages/server/scripts/extract-regions.ts
 *
 * With `--geojson <dir>` it also writes the decoded boundaries as plain GeoJSON (china-provinces.geo.json,
 * china-cities.geo.json, zhejiang.geo.json; properties `code` and `name`) for map widgets and benchmarks.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as prettier from 'prettier';
import { decodeEchartsMap, decodeEchartsRings, type EchartsFeature, type EchartsMap } from './echarts-geo';
import { fileURLToPath } from 'node:url';

/** Province-level full names (the ECharts file carries short names only). */
const provinceFullNames: Record<string, string> = {
  '110000': '北京市',
  '120000': '天津市',
  '310000': '上海市',
  '500000': '重庆市',
  '150000': '内蒙古自治区',
  '450000': '广西壮族自治区',
  '540000': '西藏自治区',
  '640000': '宁夏回族自治区',
  '650000': '新疆维吾尔自治区',
  '810000': '香港特别行政区',
  '820000': '澳门特别行政区',
};

/** Geographic regions as used in Chinese statistics (七大地理分区), for origin analyses. */
const provinceRegions: Record<string, string> = {
  '11': '华北',
  '12': '华北',
  '13': '华北',
  '14': '华北',
  '15': '华北',
  '21': '东北',
  '22': '东北',
  '23': '东北',
  '31': '华东',
  '32': '华东',
  '33': '华东',
  '34': '华东',
  '35': '华东',
  '36': '华东',
  '37': '华东',
  '71': '华东',
  '41': '华中',
  '42': '华中',
  '43': '华中',
  '44': '华南',
  '45': '华南',
  '46': '华南',
  '81': '华南',
  '82': '华南',
  '50': '西南',
  '51': '西南',
  '52': '西南',
  '53': '西南',
  '54': '西南',
  '61': '西北',
  '62': '西北',
  '63': '西北',
  '64': '西北',
  '65': '西北',
};

const municipalities = new Set(['110000', '120000', '310000', '500000']);
const withoutPrefectures = new Set(['710000', '810000', '820000']);

/**
 * Updates to the 2023 edition of the administrative division codes (the ECharts 4 data predates them):
 * renumbered divisions, 莱芜 merged into 济南 (2019), and 新疆兵团 cities created since.
 */
const renamedCodes: Record<string, { code: string; name?: string }> = {
  '542400': { code: '540600', name: '那曲市' },
  '652200': { code: '650500' },
};
const removedCodes = new Set(['371200']);
const addedCities = [
  { code: '659010', name: '胡杨河市', provinceCode: '650000', lon: 84.827, lat: 44.693 },
  { code: '659011', name: '新星市', provinceCode: '650000', lon: 93.745, lat: 42.797 },
  { code: '659012', name: '白杨市', provinceCode: '650000', lon: 82.994, lat: 46.748 },
];

function cityKind(code: string, name: string): string {
  if (/^(419|429|469|659)0/.test(code)) return '省直辖县级行政区';
  if (name.endsWith('自治州')) return '自治州';
  if (name.endsWith('地区')) return '地区';
  if (name.endsWith('盟')) return '盟';
  return '地级市';
}

function centroid(feature: EchartsFeature, scale?: number): [number, number] {
  if (feature.properties.cp) return feature.properties.cp;
  const rings = decodeEchartsRings(feature, scale);
  const largest = rings.reduce((best, ring) => (ring.length > best.length ? ring : best), rings[0] ?? []);
  const sum = largest.reduce((acc, [x, y]) => [acc[0] + x, acc[1] + y], [0, 0]);
  return [sum[0] / largest.length, sum[1] / largest.length];
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

async function main(): Promise<void> {
  const require = createRequire(import.meta.url);
  const mapDirectory = join(dirname(require.resolve('echarts-v4-maps/package.json')), 'map', 'json');
  const read = (file: string) => JSON.parse(readFileSync(join(mapDirectory, file), 'utf8')) as EchartsMap;

  const china = read('china.json');
  const provinces = china.features
    .map((feature) => {
      const code = feature.id ?? '';
      const shortName = feature.properties.name;
      const [lon, lat] = centroid(feature, china.UTF8Scale);
      return {
        code,
        name: provinceFullNames[code] ?? (code === '710000' ? '台湾省' : `${shortName}省`),
        shortName,
        region: provinceRegions[code.slice(0, 2)] ?? '',
        lon: round3(lon),
        lat: round3(lat),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));

  const cities: {
    code: string;
    name: string;
    provinceCode: string;
    kind: string;
    lon: number;
    lat: number;
  }[] = [];
  for (const province of provinces) {
    if (municipalities.has(province.code)) {
      cities.push({
        code: `${province.code.slice(0, 3)}100`,
        name: province.name,
        provinceCode: province.code,
        kind: '直辖市',
        lon: province.lon,
        lat: province.lat,
      });
    }
  }
  const seen = new Set<string>();
  for (const file of readdirSync(join(mapDirectory, 'province')).sort()) {
    const map = read(join('province', file));
    for (const feature of map.features) {
      const originalCode = feature.id ?? '';
      if (!/^\d{6}$/.test(originalCode) || removedCodes.has(originalCode)) continue;
      const provinceCode = `${originalCode.slice(0, 2)}0000`;
      if (municipalities.has(provinceCode) || withoutPrefectures.has(provinceCode)) continue;
      const renamed = renamedCodes[originalCode];
      const code = renamed?.code ?? originalCode;
      if (seen.has(code)) continue;
      seen.add(code);
      const name = renamed?.name ?? feature.properties.name;
      const [lon, lat] = centroid(feature, map.UTF8Scale);
      cities.push({
        code,
        name,
        provinceCode,
        kind: cityKind(code, name),
        lon: round3(lon),
        lat: round3(lat),
      });
    }
  }
  for (const city of addedCities) cities.push({ ...city, kind: cityKind(city.code, city.name) });
  cities.sort((a, b) => a.code.localeCompare(b.code));

  const prefectures = cities.filter((city) => ['地级市', '地区', '自治州', '盟'].includes(city.kind)).length;
  if (provinces.length !== 34 || prefectures !== 333) {
    throw new Error(
      `extract-regions: expected 34 provinces and 333 prefecture-level divisions, got ${provinces.length} and ${prefectures}; check the corrections table.`,
    );
  }

  const output = join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    'src',
    'seed',
    'data',
    'regions.generated.ts',
  );
  const header = `// Generated by packages/server/scripts/extract-regions.ts from echarts@4.9.0 map data (Apache-2.0),
// updated to the 2023 GB/T 2260 division codes. Do not edit by hand.
import type { CityRecord, ProvinceRecord } from './region-types';
`;
  const body =
    `\n/** The 34 province-level divisions. */\nexport const provinces: readonly ProvinceRecord[] = ${JSON.stringify(provinces, null, 1)};\n` +
    `\n/** Prefecture-level divisions, municipalities as one city each, and province-administered county-level divisions. */\nexport const cities: readonly CityRecord[] = ${JSON.stringify(cities, null, 1)};\n`;
  const prettierOptions = { ...(await prettier.resolveConfig(output)), filepath: output };
  writeFileSync(output, await prettier.format(header + body, prettierOptions));
  const geojsonFlag = process.argv.indexOf('--geojson');
  if (geojsonFlag >= 0) {
    const directory = process.argv[geojsonFlag + 1];
    if (!directory)
      throw new Error('extract-regions: --geojson needs a directory, e.g. --geojson /tmp/maps.');
    mkdirSync(directory, { recursive: true });
    const outputs: [string, string][] = [
      ['china.json', 'china-provinces.geo.json'],
      ['china-cities.json', 'china-cities.geo.json'],
      [join('province', 'zhejiang.json'), 'zhejiang.geo.json'],
    ];
    for (const [source, target] of outputs) {
      writeFileSync(join(directory, target), JSON.stringify(decodeEchartsMap(read(source))));
    }
    console.log(`extract-regions: decoded GeoJSON → ${directory}`);
  }
  console.log(
    `extract-regions: ${provinces.length} provinces, ${cities.length} cities (${prefectures} prefecture-level) → ${output}`,
  );
}

await main();
