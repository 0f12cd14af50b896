/**
 * Decoder for ECharts' compressed GeoJSON (`UTF8Encoding: true` map files of echarts ≤ 4): coordinates are
 * zig-zag encoded deltas stored as UTF-16 code units, scaled by 1024, starting from `encodeOffsets`.
 */
export interface EchartsFeature {
  id?: string;
  properties: { name: string; cp?: [number, number] };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown; encodeOffsets?: unknown };
}
export interface EchartsMap {
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: EchartsFeature[];
}
export type Ring = [number, number][];

/** Decodes one ring of ECharts' compressed GeoJSON (zig-zag varint deltas stored as UTF-16 code units). */
export function decodeEchartsRing(encoded: string, offset: [number, number], scale = 1024): Ring {
  const ring: Ring = [];
  let previousX = offset[0];
  let previousY = offset[1];
  for (let index = 0; index + 1 < encoded.length; index += 2) {
    let x = encoded.charCodeAt(index) - 64;
    let y = encoded.charCodeAt(index + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += previousX;
    y += previousY;
    previousX = x;
    previousY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** All rings of a feature, decoded (polygons flattened: enough for centroids and bounding boxes). */
export function decodeEchartsRings(feature: EchartsFeature, scale = 1024): Ring[] {
  const { type, coordinates, encodeOffsets } = feature.geometry;
  if (type === 'Polygon') {
    const rings = coordinates as string[];
    const offsets = encodeOffsets as [number, number][];
    return rings.map((ring, index) => decodeEchartsRing(ring, offsets[index]!, scale));
  }
  const polygons = coordinates as string[][];
  const offsets = encodeOffsets as [number, number][][];
  return polygons.flatMap((rings, polygon) =>
    rings.map((ring, index) => decodeEchartsRing(ring, offsets[polygon]![index]!, scale)),
  );
}

/** A decoded ECharts map as a GeoJSON FeatureCollection (rings in ECharts' own winding). */
export function decodeEchartsMap(map: EchartsMap): {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: { code: string; name: string }; geometry: unknown }[];
} {
  const scale = map.UTF8Scale ?? 1024;
  return {
    type: 'FeatureCollection',
    features: map.features.map((feature) => {
      const { type, coordinates, encodeOffsets } = feature.geometry;
      const geometry = !map.UTF8Encoding
        ? feature.geometry
        : type === 'Polygon'
          ? {
              type,
              coordinates: (coordinates as string[]).map((ring, index) =>
                decodeEchartsRing(ring, (encodeOffsets as [number, number][])[index]!, scale),
              ),
            }
          : {
              type,
              coordinates: (coordinates as string[][]).map((rings, polygon) =>
                rings.map((ring, index) =>
                  decodeEchartsRing(ring, (encodeOffsets as [number, number][][])[polygon]![index]!, scale),
                ),
              ),
            };
      return {
        type: 'Feature',
        properties: { code: feature.id ?? '', name: feature.properties.name },
        geometry,
      };
    }),
  };
}
