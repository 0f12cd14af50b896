/** A province-level division (省级行政区) with its GB/T 2260 code. */
export interface ProvinceRecord {
  /** Six-digit GB/T 2260 code ending in 0000, e.g. `330000`. */
  readonly code: string;
  /** Full name, e.g. `浙江省`. */
  readonly name: string;
  /** Short name as used on maps, e.g. `浙江`. */
  readonly shortName: string;
  /** Geographic region (七大地理分区), e.g. `华东`. */
  readonly region: string;
  /** Label point longitude (degrees east). */
  readonly lon: number;
  /** Label point latitude (degrees north). */
  readonly lat: number;
}

/** A city-level division (地级行政区, a municipality, or a county-level division administered by the province). */
export interface CityRecord {
  /** Six-digit GB/T 2260 code whose first two digits are the province's, e.g. `331100`. */
  readonly code: string;
  /** Full name, e.g. `丽水市`. */
  readonly name: string;
  /** Code of the province-level division. */
  readonly provinceCode: string;
  /** `地级市`, `地区`, `自治州`, `盟`, `直辖市` or `省直辖县级行政区`. */
  readonly kind: string;
  /** Label point longitude (degrees east). */
  readonly lon: number;
  /** Label point latitude (degrees north). */
  readonly lat: number;
}
