import { buildingPlans, CAMPUS_ORIGIN, type BuildingPlan } from './data/campus';

/** A GeoJSON Polygon (RFC 7946: exterior ring counter-clockwise, first position repeated last). */
export interface PolygonGeometry {
  readonly type: 'Polygon';
  readonly coordinates: [number, number][][];
}

const METRES_PER_DEGREE_LAT = 111_320;

/** Converts metres east/north of the campus origin to [longitude, latitude], 7 decimals (~1 cm). */
export function offsetToLonLat(east: number, north: number): [number, number] {
  const metresPerDegreeLon = METRES_PER_DEGREE_LAT * Math.cos((CAMPUS_ORIGIN.lat * Math.PI) / 180);
  const round7 = (value: number) => Math.round(value * 1e7) / 1e7;
  return [
    round7(CAMPUS_ORIGIN.lon + east / metresPerDegreeLon),
    round7(CAMPUS_ORIGIN.lat + north / METRES_PER_DEGREE_LAT),
  ];
}

/** Corner offsets (metres, relative to the centre) of a footprint, counter-clockwise from the south-west. */
function footprintCorners(plan: BuildingPlan): [number, number][] {
  const w = plan.width / 2;
  const d = plan.depth / 2;
  switch (plan.shape) {
    case 'rect':
      return [
        [-w, -d],
        [w, -d],
        [w, d],
        [-w, d],
      ];
    case 'L':
      // The north-east quarter is open: an L facing north-east.
      return [
        [-w, -d],
        [w, -d],
        [w, 0],
        [0, 0],
        [0, d],
        [-w, d],
      ];
    case 'U':
      // A courtyard open to the north, one third of the width.
      return [
        [-w, -d],
        [w, -d],
        [w, d],
        [w / 3, d],
        [w / 3, 0],
        [-w / 3, 0],
        [-w / 3, d],
        [-w, d],
      ];
  }
}

/** The building's footprint as a GeoJSON Polygon in WGS 84 longitude/latitude. */
export function buildingFootprint(plan: BuildingPlan): PolygonGeometry {
  const ring = footprintCorners(plan).map(([x, y]) => offsetToLonLat(plan.east + x, plan.north + y));
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Ground area of a footprint in square metres (shoelace formula on the metre offsets). */
export function footprintArea(plan: BuildingPlan): number {
  const corners = footprintCorners(plan);
  let twiceArea = 0;
  corners.forEach(([x1, y1], index) => {
    const [x2, y2] = corners[(index + 1) % corners.length]!;
    twiceArea += x1 * y2 - x2 * y1;
  });
  return twiceArea / 2;
}

/** Every campus building with its centre point and footprint. */
export function campusBuildings(): {
  plan: BuildingPlan;
  centre: [number, number];
  footprint: PolygonGeometry;
  groundArea: number;
}[] {
  return buildingPlans.map((plan) => ({
    plan,
    centre: offsetToLonLat(plan.east, plan.north),
    footprint: buildingFootprint(plan),
    groundArea: footprintArea(plan),
  }));
}
