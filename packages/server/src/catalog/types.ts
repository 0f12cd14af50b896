/**
 * The server-side catalog: the wire {@link Catalog} plus what only the server may know — where each view's rows
 * come from, the SQL of every member, access policies, masking rules, provenance (一数一源) and freshness.
 * `catalog.yaml` is parsed into these types by `loadCatalog()`; `GET /v1/meta` serves the wire projection.
 *
 * Every SQL fragment here is trusted configuration written by the warehouse owner. Queries never carry SQL:
 * they name members, and the planner copies these fragments and binds all values.
 *
 * @packageDocumentation
 */

import type {
  AcademicCalendar,
  Aggregation,
  GeoRole,
  Granularity,
  LocalizedText,
  ValueType,
} from '@campus-cockpit/query';

/** Where a member's data is owned (一数一源: one number, one source). */
export interface Provenance {
  /** The system of record, e.g. `学工系统`. */
  system: string;
  /** The office accountable for the number, e.g. `学生工作部`. */
  owner: string;
}

/** Fields shared by views and members. */
export interface ServerNamed {
  name: string;
  title: LocalizedText;
  aliases?: string[];
  description?: LocalizedText;
  /** Readable by anonymous callers (the `public` role). */
  public?: boolean;
  /** When present, only these roles may read the entry (in addition to the view's access rules). */
  roles?: string[];
  source?: Provenance;
}

/** A measure: an aggregate over the view's rows. */
export interface ServerMeasure extends ServerNamed {
  aggregation: Aggregation;
  /**
   * For `count`, `countDistinct`, `sum`, `avg`, `min`, `max`: the row expression aggregated (`count` may omit it
   * to count rows). For `ratio` and `custom`: the whole aggregate expression, e.g. `avg(score) / 100`.
   */
  sql?: string;
  /** A row predicate restricting what this measure aggregates (`count(*) FILTER (WHERE …)`). */
  filter?: string;
  unit?: string;
  format?: string;
}

/** How a personal field is hidden from roles that may not see it. */
export interface MaskRule {
  /**
   * - `partial`: keep `keepStart` leading and `keepEnd` trailing characters, replace the rest with `*`.
   * - `hash`: a stable hexadecimal digest (groups stay apart, values are unreadable).
   * - `redact`: the constant `***`.
   */
  method: 'partial' | 'hash' | 'redact';
  keepStart?: number;
  keepEnd?: number;
  /** Roles that see the clear value. Every other role sees the masked value. */
  unmaskedRoles: string[];
}

/** A selectable attribute of a dimension. */
export interface ServerAttribute extends ServerNamed {
  type: ValueType;
  sql: string;
  geo?: GeoRole;
}

/** A dimension: a row expression to group and filter by. */
export interface ServerDimension extends ServerNamed {
  type: ValueType;
  /** The row expression. For `time` dimensions a TIMESTAMP or DATE expression in the catalog time zone. */
  sql: string;
  granularities?: Granularity[];
  geo?: GeoRole;
  attributes?: ServerAttribute[];
  values?: string[];
  format?: string;
  mask?: MaskRule;
}

/** A segment: a named row predicate. */
export interface ServerSegment extends ServerNamed {
  sql: string;
}

/**
 * One access rule of a view. A caller whose role matches reads the view with these restrictions; a role with
 * no rule cannot read the view at all (when the view lists rules).
 */
export interface AccessRule {
  role: string;
  /**
   * A row predicate; `{claims.NAME}` placeholders are bound to the caller's token claims (never spliced into
   * SQL). A caller whose token lacks a named claim is refused.
   */
  rows?: string;
  /** Aggregate-only access: groups smaller than this many rows are suppressed, and no row-level dimension. */
  minGroupSize?: number;
}

/** How fresh a view's data is, for the `freshness` field of responses. */
export interface Freshness {
  /** A TIMESTAMP column whose maximum is the data's as-of time. */
  column?: string;
  /** The table holding `column`, read directly (cheaper than the view's joins). Default: the view's rows. */
  table?: string;
  /** How often the source is loaded, in minutes (shown as the expected lag). */
  refreshMinutes?: number;
}

/** A view: one subject area over a table or a named SQL query. */
export interface ServerView extends ServerNamed {
  /** Table (optionally `schema.table`) the rows come from. Exactly one of `table` and `sql`. */
  table?: string;
  /** A server-side SELECT the rows come from. */
  sql?: string;
  measures: ServerMeasure[];
  dimensions: ServerDimension[];
  segments?: ServerSegment[];
  defaultTimeDimension?: string;
  /** Dimensions every query must restrict (by a filter or `timeRange`), e.g. the time of a large log. */
  requiredFilters?: string[];
  access?: AccessRule[];
  freshness?: Freshness;
}

/** A role the deployment knows, for documentation and token minting. */
export interface RoleDefinition {
  name: string;
  title?: LocalizedText;
  /** Claims a token of this role must carry (e.g. `college` for a dean). */
  claims?: string[];
}

/** The whole server catalog. */
export interface ServerCatalog {
  v: 1;
  timeZone: string;
  calendar?: AcademicCalendar;
  roles: RoleDefinition[];
  views: ServerView[];
}
