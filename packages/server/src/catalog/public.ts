/**
 * The wire catalog served by `GET /v1/meta`: the server catalog without SQL, policies or masks, filtered to what
 * the caller may read, with pinyin computed from the titles.
 */

import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import type {
  Catalog,
  Dimension,
  DimensionAttribute,
  Measure,
  Named,
  Segment,
  View,
} from '@campus-cockpit/query';
import { memberAccess, viewAccess, type Principal } from '../security/principal.js';
import type {
  ServerAttribute,
  ServerCatalog,
  ServerDimension,
  ServerMeasure,
  ServerNamed,
  ServerSegment,
} from './types.js';

/** The caller's catalog and its ETag. */
export interface PublicCatalog {
  catalog: Catalog;
  etag: string;
  json: string;
}

const pinyinCache = new Map<string, string[]>();

/** Full spelling and initials of each Chinese text, lower case without tones (`学院` → `xueyuan`, `xy`). */
export function pinyinOf(texts: readonly string[]): string[] {
  const out: string[] = [];
  for (const text of texts) {
    let spelled = pinyinCache.get(text);
    if (!spelled) {
      spelled = [];
      if (/[\u4e00-\u9fff]/.test(text)) {
        const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed' }) as string[];
        const full = syllables
          .join('')
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '');
        const initials = syllables
          .map((s) => s.charAt(0))
          .join('')
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '');
        if (full) spelled.push(full);
        if (initials && initials !== full) spelled.push(initials);
      }
      pinyinCache.set(text, spelled);
    }
    for (const s of spelled) if (!out.includes(s)) out.push(s);
  }
  return out;
}

function named(entry: ServerNamed): Named {
  const out: Named = { name: entry.name, title: entry.title };
  if (entry.aliases) out.aliases = entry.aliases;
  const spelled = pinyinOf([entry.title['zh-CN'], ...(entry.aliases ?? [])]);
  if (spelled.length) out.pinyin = spelled;
  if (entry.description) out.description = entry.description;
  if (entry.public) out.public = true;
  return out;
}

function measure(m: ServerMeasure): Measure {
  const out: Measure = { ...named(m), aggregation: m.aggregation, type: 'number' };
  if (m.unit) out.unit = m.unit;
  if (m.format) out.format = m.format;
  return out;
}

function attribute(a: ServerAttribute): DimensionAttribute {
  const out: DimensionAttribute = { ...named(a), type: a.type };
  if (a.geo) out.geo = a.geo;
  return out;
}

function dimension(d: ServerDimension, principal: Principal): Dimension {
  const masked = d.mask !== undefined && !d.mask.unmaskedRoles.includes(principal.role);
  const out: Dimension = { ...named(d), type: masked ? 'string' : d.type };
  if (d.granularities) out.granularities = d.granularities;
  if (d.geo) out.geo = d.geo;
  const attributes = d.attributes?.filter((a) => !memberAccess(principal, a)).map(attribute);
  if (attributes?.length) out.attributes = attributes;
  if (d.values && !masked) out.values = d.values;
  if (d.format) out.format = d.format;
  return out;
}

function segment(s: ServerSegment): Segment {
  return named(s);
}

/** The wire catalog for one caller; `everything` skips the rights filter (for name and type checks). */
export function publicCatalog(
  catalog: ServerCatalog,
  principal: Principal,
  version: string,
  everything = false,
): PublicCatalog {
  const views: View[] = [];
  for (const v of catalog.views) {
    if (!everything && !viewAccess(principal, v).allowed) continue;
    const visible = <T extends ServerNamed>(items: readonly T[] | undefined): T[] =>
      (items ?? []).filter((m) => everything || !memberAccess(principal, m));
    const view: View = {
      ...named(v),
      measures: visible(v.measures).map(measure),
      dimensions: visible(v.dimensions).map((d) => dimension(d, principal)),
    };
    const segments = visible(v.segments).map(segment);
    if (segments.length) view.segments = segments;
    if (v.defaultTimeDimension && view.dimensions.some((d) => d.name === v.defaultTimeDimension))
      view.defaultTimeDimension = v.defaultTimeDimension;
    views.push(view);
  }
  const wire: Catalog = { v: 1, timeZone: catalog.timeZone, version, views };
  if (catalog.calendar) wire.calendar = catalog.calendar;
  const json = JSON.stringify(wire);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  return { catalog: wire, etag, json };
}
