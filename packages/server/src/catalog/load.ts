/**
 * Loads `catalog.yaml` into a {@link ServerCatalog}, checking every field and reporting every mistake at once
 * with its line:col, so a bad catalog stops the server at start-up instead of failing a query later.
 */

import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import {
  AGGREGATIONS,
  DEFAULT_TIME_ZONE,
  editDistance,
  GEO_ROLES,
  GRANULARITIES,
  VALUE_TYPES,
  type AcademicCalendar,
  type Granularity,
  type LocalizedText,
  type Semester,
} from '@campus-cockpit/query';
import type {
  AccessRule,
  Freshness,
  MaskRule,
  Provenance,
  RoleDefinition,
  ServerAttribute,
  ServerCatalog,
  ServerDimension,
  ServerMeasure,
  ServerNamed,
  ServerSegment,
  ServerView,
} from './types.js';

/** One mistake in a catalog file. */
export interface CatalogIssue {
  /** Path of keys and indexes to the offending node, e.g. `views[2].measures[0].aggregation`. */
  path: string;
  line: number;
  col: number;
  message: string;
}

/** Thrown when a catalog has mistakes; `issues` lists all of them. */
export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly issues: CatalogIssue[],
  ) {
    super(
      `${file}: ${issues.length} error${issues.length === 1 ? '' : 's'} in the catalog:\n` +
        issues.map((i) => `  ${file}:${i.line}:${i.col} ${i.path}: ${i.message}`).join('\n'),
    );
    this.name = 'CatalogError';
  }
}

type Path = (string | number)[];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const CLAIM_PLACEHOLDER = /\{claims\.([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Reads and checks a catalog file. Throws {@link CatalogError} listing every mistake with its position. */
export function loadCatalogFile(file: string): ServerCatalog {
  return parseCatalog(readFileSync(file, 'utf8'), file);
}

/** Parses and checks catalog YAML text; `file` names it in messages. */
export function parseCatalog(text: string, file = 'catalog.yaml'): ServerCatalog {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issues: CatalogIssue[] = [];
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    issues.push({ path: '', line: pos.line, col: pos.col, message: error.message.split('\n')[0] ?? '' });
  }
  if (issues.length > 0) throw new CatalogError(file, issues);

  const report = (path: Path, message: string): void => {
    let node: unknown = doc.getIn(path, true);
    // Point at the nearest existing ancestor when the node itself is missing.
    for (let depth = path.length - 1; (node === undefined || node === null) && depth >= 0; depth--) {
      node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    }
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const pos = range ? lineCounter.linePos(range[0]) : { line: 1, col: 1 };
    issues.push({ path: formatPath(path), line: pos.line, col: pos.col, message });
  };

  const catalog = new CatalogReader(report).read(doc.toJS({ maxAliasCount: 100 }) as unknown);
  if (issues.length > 0 || !catalog) throw new CatalogError(file, issues);
  return catalog;
}

function formatPath(path: Path): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

type Json = Record<string, unknown>;

/** Field-by-field reader; every check reports through `report` and keeps going so that all mistakes are found. */
class CatalogReader {
  constructor(private readonly report: (path: Path, message: string) => void) {}

  read(root: unknown): ServerCatalog | undefined {
    const obj = this.object(root, [], ['v', 'timeZone', 'calendar', 'roles', 'views']);
    if (!obj) return undefined;
    if (obj.v !== 1) this.report(['v'], 'the catalog format version must be 1 (write `v: 1`).');
    const timeZone = this.optionalString(obj, 'timeZone', []) ?? DEFAULT_TIME_ZONE;
    if (!isTimeZone(timeZone))
      this.report(['timeZone'], `'${timeZone}' is not an IANA time zone such as Asia/Shanghai.`);
    const calendar = obj.calendar === undefined ? undefined : this.calendar(obj.calendar, ['calendar']);
    const roles = this.list(obj, 'roles', [], (value, path) => this.role(value, path), false);
    const views = this.list(obj, 'views', [], (value, path) => this.view(value, path), true);
    this.unique(views, ['views'], 'view');
    const catalog: ServerCatalog = { v: 1, timeZone, roles, views };
    if (calendar) catalog.calendar = calendar;
    this.crossCheck(catalog);
    return catalog;
  }

  private crossCheck(catalog: ServerCatalog): void {
    const roleNames = new Set(['public', ...catalog.roles.map((r) => r.name)]);
    const academic: Granularity[] = ['academic_year', 'semester', 'teaching_week'];
    catalog.views.forEach((view, v) => {
      const base: Path = ['views', v];
      view.dimensions.forEach((dim, d) => {
        if (dim.granularities?.some((g) => academic.includes(g)) && !catalog.calendar) {
          this.report(
            [...base, 'dimensions', d, 'granularities'],
            'academic granularities need a `calendar` with semesters at the top of the catalog.',
          );
        }
        dim.mask?.unmaskedRoles.forEach((role, r) => {
          if (!roleNames.has(role))
            this.report(
              [...base, 'dimensions', d, 'mask', 'unmaskedRoles', r],
              `unknown role '${role}'; declare it under \`roles\`.`,
            );
        });
      });
      view.access?.forEach((rule, r) => {
        if (!roleNames.has(rule.role))
          this.report(
            [...base, 'access', r, 'role'],
            `unknown role '${rule.role}'; declare it under \`roles\`.`,
          );
      });
      const checkRoles = (entry: ServerNamed, path: Path): void =>
        entry.roles?.forEach((role, r) => {
          if (!roleNames.has(role))
            this.report([...path, 'roles', r], `unknown role '${role}'; declare it under \`roles\`.`);
        });
      checkRoles(view, base);
      view.measures.forEach((m, i) => checkRoles(m, [...base, 'measures', i]));
      view.dimensions.forEach((m, i) => checkRoles(m, [...base, 'dimensions', i]));
    });
  }

  private calendar(value: unknown, path: Path): AcademicCalendar | undefined {
    const obj = this.object(value, path, ['semesters']);
    if (!obj) return undefined;
    const semesters = this.list(
      obj,
      'semesters',
      path,
      (item, itemPath) => {
        const s = this.object(item, itemPath, ['name', 'academicYear', 'title', 'start', 'end']);
        if (!s) return undefined;
        const semester: Semester = {
          name: this.string(s, 'name', itemPath) ?? '',
          academicYear: this.string(s, 'academicYear', itemPath) ?? '',
          start: this.day(s, 'start', itemPath) ?? '',
          end: this.day(s, 'end', itemPath) ?? '',
        };
        const title = this.optionalText(s, 'title', itemPath);
        if (title) semester.title = title;
        if (semester.start && semester.end && semester.end < semester.start) {
          this.report(
            [...itemPath, 'end'],
            `the semester ends (${semester.end}) before it starts (${semester.start}).`,
          );
        }
        if (semester.start && new Date(semester.start + 'T00:00:00Z').getUTCDay() !== 1) {
          this.report(
            [...itemPath, 'start'],
            `${semester.start} is not a Monday; teaching week 1 starts on a Monday.`,
          );
        }
        return semester;
      },
      true,
    );
    for (let i = 1; i < semesters.length; i++) {
      if (semesters[i]!.start <= semesters[i - 1]!.start) {
        this.report([...path, 'semesters', i, 'start'], 'semesters must be in chronological order.');
      }
    }
    this.unique(semesters, [...path, 'semesters'], 'semester');
    return { semesters };
  }

  private role(value: unknown, path: Path): RoleDefinition | undefined {
    const obj = this.object(value, path, ['name', 'title', 'claims']);
    if (!obj) return undefined;
    const role: RoleDefinition = { name: this.identifier(obj, 'name', path) ?? '' };
    const title = this.optionalText(obj, 'title', path);
    if (title) role.title = title;
    const claims = this.optionalStrings(obj, 'claims', path);
    if (claims) role.claims = claims;
    return role;
  }

  private named(obj: Json, path: Path): ServerNamed {
    const named: ServerNamed = {
      name: this.identifier(obj, 'name', path) ?? '',
      title: this.text(obj, 'title', path) ?? { 'zh-CN': '', en: '' },
    };
    const aliases = this.optionalStrings(obj, 'aliases', path);
    if (aliases) named.aliases = aliases;
    const description = this.optionalText(obj, 'description', path);
    if (description) named.description = description;
    const isPublic = this.optionalBoolean(obj, 'public', path);
    if (isPublic !== undefined) named.public = isPublic;
    const roles = this.optionalStrings(obj, 'roles', path);
    if (roles) named.roles = roles;
    if (obj.source !== undefined) {
      const source = this.object(obj.source, [...path, 'source'], ['system', 'owner']);
      if (source) {
        const provenance: Provenance = {
          system: this.string(source, 'system', [...path, 'source']) ?? '',
          owner: this.string(source, 'owner', [...path, 'source']) ?? '',
        };
        named.source = provenance;
      }
    }
    return named;
  }

  private static readonly NAMED_KEYS = [
    'name',
    'title',
    'aliases',
    'description',
    'public',
    'roles',
    'source',
  ];

  private view(value: unknown, path: Path): ServerView | undefined {
    const obj = this.object(value, path, [
      ...CatalogReader.NAMED_KEYS,
      'table',
      'sql',
      'measures',
      'dimensions',
      'segments',
      'defaultTimeDimension',
      'requiredFilters',
      'access',
      'freshness',
    ]);
    if (!obj) return undefined;
    const view: ServerView = {
      ...this.named(obj, path),
      measures: this.list(obj, 'measures', path, (v, p) => this.measure(v, p), false),
      dimensions: this.list(obj, 'dimensions', path, (v, p) => this.dimension(v, p), false),
    };
    const table = this.optionalString(obj, 'table', path);
    const sql = this.optionalString(obj, 'sql', path);
    if ((table === undefined) === (sql === undefined)) {
      this.report(path, 'a view needs exactly one of `table` (a table name) or `sql` (a SELECT statement).');
    }
    if (table !== undefined) {
      if (!TABLE_NAME.test(table))
        this.report(
          [...path, 'table'],
          `'${table}' is not a table name (letters, digits, _; optionally schema.table).`,
        );
      view.table = table;
    }
    if (sql !== undefined) view.sql = sql;
    if (view.measures.length + view.dimensions.length === 0) {
      this.report(path, 'a view needs at least one measure or dimension.');
    }
    const segments =
      obj.segments === undefined
        ? undefined
        : this.list(obj, 'segments', path, (v, p) => this.segment(v, p), false);
    if (segments) view.segments = segments;
    const names = [...view.measures, ...view.dimensions, ...(segments ?? [])];
    this.uniqueNames(names, path);
    const dimensionNames = new Set(view.dimensions.map((d) => d.name));
    const timeNames = new Set(view.dimensions.filter((d) => d.type === 'time').map((d) => d.name));
    const defaultTime = this.optionalString(obj, 'defaultTimeDimension', path);
    if (defaultTime !== undefined) {
      if (!timeNames.has(defaultTime))
        this.report(
          [...path, 'defaultTimeDimension'],
          `'${defaultTime}' is not a time dimension of this view.`,
        );
      view.defaultTimeDimension = defaultTime;
    }
    const required = this.optionalStrings(obj, 'requiredFilters', path);
    if (required) {
      required.forEach((name, i) => {
        if (!dimensionNames.has(name))
          this.report([...path, 'requiredFilters', i], `'${name}' is not a dimension of this view.`);
      });
      view.requiredFilters = required;
    }
    if (obj.access !== undefined)
      view.access = this.list(obj, 'access', path, (v, p) => this.access(v, p), false);
    if (obj.freshness !== undefined) {
      const fresh = this.object(obj.freshness, [...path, 'freshness'], ['column', 'table', 'refreshMinutes']);
      if (fresh) {
        const freshness: Freshness = {};
        const column = this.optionalString(fresh, 'column', [...path, 'freshness']);
        if (column !== undefined) {
          if (!IDENTIFIER.test(column))
            this.report([...path, 'freshness', 'column'], `'${column}' is not a column name.`);
          freshness.column = column;
        }
        const freshTable = this.optionalString(fresh, 'table', [...path, 'freshness']);
        if (freshTable !== undefined) {
          if (!TABLE_NAME.test(freshTable))
            this.report([...path, 'freshness', 'table'], `'${freshTable}' is not a table name.`);
          freshness.table = freshTable;
        }
        const minutes = this.optionalNumber(fresh, 'refreshMinutes', [...path, 'freshness']);
        if (minutes !== undefined) freshness.refreshMinutes = minutes;
        view.freshness = freshness;
      }
    }
    return view;
  }

  private access(value: unknown, path: Path): AccessRule | undefined {
    const obj = this.object(value, path, ['role', 'rows', 'minGroupSize']);
    if (!obj) return undefined;
    const rule: AccessRule = { role: this.identifier(obj, 'role', path) ?? '' };
    const rows = this.optionalString(obj, 'rows', path);
    if (rows !== undefined) {
      const stripped = rows.replace(CLAIM_PLACEHOLDER, '');
      if (/\{|\}/.test(stripped))
        this.report(
          [...path, 'rows'],
          'placeholders are written `{claims.NAME}`, e.g. `college = {claims.college}`.',
        );
      rule.rows = rows;
    }
    const minGroupSize = this.optionalNumber(obj, 'minGroupSize', path);
    if (minGroupSize !== undefined) {
      if (!Number.isInteger(minGroupSize) || minGroupSize < 1)
        this.report([...path, 'minGroupSize'], 'must be a positive integer.');
      rule.minGroupSize = minGroupSize;
    }
    return rule;
  }

  private measure(value: unknown, path: Path): ServerMeasure | undefined {
    const obj = this.object(value, path, [
      ...CatalogReader.NAMED_KEYS,
      'aggregation',
      'sql',
      'filter',
      'unit',
      'format',
      'type',
    ]);
    if (!obj) return undefined;
    const aggregation = this.oneOf(obj, 'aggregation', path, AGGREGATIONS);
    const measure: ServerMeasure = { ...this.named(obj, path), aggregation: aggregation ?? 'count' };
    if (obj.type !== undefined && obj.type !== 'number')
      this.report([...path, 'type'], 'measures are always of type number.');
    const sql = this.optionalString(obj, 'sql', path);
    if (sql !== undefined) measure.sql = sql;
    else if (aggregation && aggregation !== 'count') {
      this.report(
        path,
        `a '${aggregation}' measure needs \`sql\`: ${aggregation === 'ratio' || aggregation === 'custom' ? 'the aggregate expression' : 'the row expression to aggregate'}.`,
      );
    }
    const filter = this.optionalString(obj, 'filter', path);
    if (filter !== undefined) measure.filter = filter;
    const unit = this.optionalString(obj, 'unit', path);
    if (unit !== undefined) measure.unit = unit;
    const format = this.optionalString(obj, 'format', path);
    if (format !== undefined) measure.format = format;
    return measure;
  }

  private dimension(value: unknown, path: Path): ServerDimension | undefined {
    const obj = this.object(value, path, [
      ...CatalogReader.NAMED_KEYS,
      'type',
      'sql',
      'granularities',
      'geo',
      'attributes',
      'values',
      'format',
      'mask',
    ]);
    if (!obj) return undefined;
    const type = this.oneOf(obj, 'type', path, VALUE_TYPES) ?? 'string';
    const named = this.named(obj, path);
    const dimension: ServerDimension = {
      ...named,
      type,
      sql: this.optionalString(obj, 'sql', path) ?? named.name,
    };
    const granularities = this.optionalStrings(obj, 'granularities', path);
    if (granularities) {
      if (type !== 'time')
        this.report([...path, 'granularities'], 'only `type: time` dimensions have granularities.');
      granularities.forEach((g, i) => {
        if (!(GRANULARITIES as readonly string[]).includes(g)) {
          this.report(
            [...path, 'granularities', i],
            `unknown granularity '${g}'; one of ${GRANULARITIES.join(', ')}.`,
          );
        }
      });
      dimension.granularities = granularities as Granularity[];
    } else if (type === 'time') {
      this.report(path, 'a time dimension needs `granularities`, e.g. [day, week, month, year].');
    }
    const geo = obj.geo === undefined ? undefined : this.oneOf(obj, 'geo', path, GEO_ROLES);
    if (geo) dimension.geo = geo;
    if (obj.attributes !== undefined) {
      dimension.attributes = this.list(obj, 'attributes', path, (v, p) => this.attribute(v, p), false);
      this.uniqueNames(dimension.attributes, [...path, 'attributes']);
    }
    const values = this.optionalStrings(obj, 'values', path);
    if (values) dimension.values = values;
    const format = this.optionalString(obj, 'format', path);
    if (format !== undefined) dimension.format = format;
    if (obj.mask !== undefined) {
      const mask = this.mask(obj.mask, [...path, 'mask']);
      if (mask) dimension.mask = mask;
    }
    return dimension;
  }

  private attribute(value: unknown, path: Path): ServerAttribute | undefined {
    const obj = this.object(value, path, [...CatalogReader.NAMED_KEYS, 'type', 'sql', 'geo']);
    if (!obj) return undefined;
    const attribute: ServerAttribute = {
      ...this.named(obj, path),
      type: this.oneOf(obj, 'type', path, VALUE_TYPES) ?? 'string',
      sql: this.string(obj, 'sql', path) ?? '',
    };
    const geo = obj.geo === undefined ? undefined : this.oneOf(obj, 'geo', path, GEO_ROLES);
    if (geo) attribute.geo = geo;
    return attribute;
  }

  private mask(value: unknown, path: Path): MaskRule | undefined {
    const obj = this.object(value, path, ['method', 'keepStart', 'keepEnd', 'unmaskedRoles']);
    if (!obj) return undefined;
    const rule: MaskRule = {
      method: this.oneOf(obj, 'method', path, ['partial', 'hash', 'redact'] as const) ?? 'redact',
      unmaskedRoles: this.optionalStrings(obj, 'unmaskedRoles', path) ?? [],
    };
    for (const key of ['keepStart', 'keepEnd'] as const) {
      const n = this.optionalNumber(obj, key, path);
      if (n === undefined) continue;
      if (!Number.isInteger(n) || n < 0 || n > 20)
        this.report([...path, key], 'must be an integer from 0 to 20.');
      if (rule.method !== 'partial')
        this.report([...path, key], `only the 'partial' method keeps characters.`);
      rule[key] = n;
    }
    return rule;
  }

  private segment(value: unknown, path: Path): ServerSegment | undefined {
    const obj = this.object(value, path, [...CatalogReader.NAMED_KEYS, 'sql']);
    if (!obj) return undefined;
    return { ...this.named(obj, path), sql: this.string(obj, 'sql', path) ?? 'true' };
  }

  // ── primitives ────────────────────────────────────────────────────────────

  private object(value: unknown, path: Path, keys: string[]): Json | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report(
        path,
        `expected a mapping with keys ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}.`,
      );
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        const near = keys.find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key, 2) <= 2);
        this.report(
          [...path, key],
          `unknown key '${key}'${near ? `; did you mean '${near}'?` : `; allowed: ${keys.join(', ')}.`}`,
        );
      }
    }
    return value as Json;
  }

  private list<T>(
    obj: Json,
    key: string,
    path: Path,
    item: (value: unknown, path: Path) => T | undefined,
    required: boolean,
  ): T[] {
    const value = obj[key];
    if (value === undefined) {
      if (required) this.report(path, `missing \`${key}\` (a list).`);
      return [];
    }
    if (!Array.isArray(value)) {
      this.report([...path, key], `\`${key}\` must be a list.`);
      return [];
    }
    const result: T[] = [];
    value.forEach((entry, i) => {
      const read = item(entry, [...path, key, i]);
      if (read !== undefined) result.push(read);
    });
    return result;
  }

  private string(obj: Json, key: string, path: Path): string | undefined {
    const value = obj[key];
    if (value === undefined) {
      this.report(path, `missing \`${key}\`.`);
      return undefined;
    }
    if (typeof value !== 'string' || value.length === 0) {
      this.report([...path, key], `\`${key}\` must be a non-empty string.`);
      return undefined;
    }
    return value;
  }

  private optionalString(obj: Json, key: string, path: Path): string | undefined {
    return obj[key] === undefined ? undefined : this.string(obj, key, path);
  }

  private identifier(obj: Json, key: string, path: Path): string | undefined {
    const value = this.string(obj, key, path);
    if (value !== undefined && !IDENTIFIER.test(value)) {
      this.report(
        [...path, key],
        `'${value}' is not an identifier: start with a letter or _, then letters, digits or _.`,
      );
    }
    return value;
  }

  private day(obj: Json, key: string, path: Path): string | undefined {
    const value =
      obj[key] instanceof Date ? (obj[key] as Date).toISOString().slice(0, 10) : this.string(obj, key, path);
    if (
      value !== undefined &&
      (!ISO_DAY.test(value) || new Date(value + 'T00:00:00Z').toISOString().slice(0, 10) !== value)
    ) {
      this.report([...path, key], `'${value}' is not a date written YYYY-MM-DD.`);
      return undefined;
    }
    return value;
  }

  private optionalNumber(obj: Json, key: string, path: Path): number | undefined {
    const value = obj[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.report([...path, key], `\`${key}\` must be a number.`);
      return undefined;
    }
    return value;
  }

  private optionalBoolean(obj: Json, key: string, path: Path): boolean | undefined {
    const value = obj[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.report([...path, key], `\`${key}\` must be true or false.`);
      return undefined;
    }
    return value;
  }

  private optionalStrings(obj: Json, key: string, path: Path): string[] | undefined {
    const value = obj[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0)) {
      this.report([...path, key], `\`${key}\` must be a list of non-empty strings.`);
      return undefined;
    }
    return value as string[];
  }

  private text(obj: Json, key: string, path: Path): LocalizedText | undefined {
    const value = obj[key];
    if (value === undefined) {
      this.report(path, `missing \`${key}\` (a mapping with zh-CN and en).`);
      return undefined;
    }
    const text = this.object(value, [...path, key], ['zh-CN', 'en']);
    if (!text) return undefined;
    const zh = this.string(text, 'zh-CN', [...path, key]);
    const en = this.string(text, 'en', [...path, key]);
    return { 'zh-CN': zh ?? '', en: en ?? '' };
  }

  private optionalText(obj: Json, key: string, path: Path): LocalizedText | undefined {
    return obj[key] === undefined ? undefined : this.text(obj, key, path);
  }

  private oneOf<T extends string>(obj: Json, key: string, path: Path, allowed: readonly T[]): T | undefined {
    const value = obj[key];
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.report(
        value === undefined ? path : [...path, key],
        `${value === undefined ? 'missing' : `'${String(value)}' is not a valid`} \`${key}\`: one of ${allowed.join(', ')}.`,
      );
      return undefined;
    }
    return value as T;
  }

  private unique(items: { name: string }[], path: Path, what: string): void {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.name)) this.report([...path, i, 'name'], `duplicate ${what} name '${item.name}'.`);
      seen.add(item.name);
    });
  }

  private uniqueNames(items: { name: string }[], path: Path): void {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.name))
        this.report(
          path,
          `member name '${item.name}' is used twice in this view (measures, dimensions and segments share one namespace).`,
        );
      seen.add(item.name);
    }
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
