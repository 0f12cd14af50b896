import { ContextConsumer } from '@lit/context';
import { QueryError, describeError, type Source } from '@campus-cockpit/client';
import type {
  AbsoluteDateRange,
  Catalog,
  Dimension,
  ParamValue,
  QueryIR,
  Scalar,
} from '@campus-cockpit/query';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ChangeEvent } from '../events/cc-change.js';
import { sourceContext } from '../source/source-context.js';
import { tokenDefaults } from '../theme/tokens.js';
import { filterControlStyles } from './filter-control.styles.js';

/** The kinds of control `<cc-filter>` draws. */
export const filterTypes = ['select', 'multi-select', 'date-range', 'search'] as const;
export type FilterType = (typeof filterTypes)[number];

interface Option {
  value: Scalar;
  label: string;
}

/** Most options a filter lists (a longer list wants `type="search"`). */
const MAX_OPTIONS = 1000;
const SEARCH_DELAY = 300;

/**
 * @summary A page filter: sets the page parameter `name`, which every widget whose query says `:name` follows.
 *
 * Values and labels come from the catalog: the dimension's closed value list when it has one, else its
 * distinct values queried through the source (a geographic dimension lists codes labelled with names). The
 * label defaults to the dimension's title. `select` and `multi-select` offer "全部" (no value: an optional
 * `:name?` predicate is dropped); `date-range` sets `{start, end}`; `search` sets `%text%` for `like`.
 *
 * @fires cc-change - After the parameter changed (`detail`: name, value, label).
 *
 * @csspart base - The label and control.
 * @csspart label - The label.
 * @csspart control - The select or input (both inputs of a date range).
 * @csspart error - Why the options could not be loaded.
 *
 * @cssprop --cc-filter-gap - Space between label and control. Default 6px.
 * @cssprop --cc-filter-border - Control border colour. Defaults to `--cc-color-border`.
 */
export class FilterControl extends LitElement {
  static override styles = [tokenDefaults, filterControlStyles];

  /** The page parameter this filter sets, e.g. `year`. Required. */
  @property() name = '';

  /** `select` (default), `multi-select`, `date-range` or `search`. */
  @property() type: FilterType = 'select';

  /** The catalog dimension that supplies values and title, `view.member` (e.g. `admissions.admit_year`). */
  @property() dimension = '';

  /** Label before the control. Default: the dimension's title in the source's locale. */
  @property() label: string | undefined;

  /** Initial value, written as in the URL (`2025`, `'工学院'` or JSON). Default: none. */
  @property() value: string | undefined;

  /** For `search`: wrap the text in `%…%` (`contains`, default) or send it as typed (`exact`). */
  @property() match: 'contains' | 'exact' = 'contains';

  @state() private options: Option[] = [];
  @state() private dimensionTitle = '';
  @state() private problem: string | undefined;

  // TypeScript `private`, not `#private`: esbuild lowers #members of decorated classes to WeakMap helpers.
  private readonly consumer = new ContextConsumer(this, {
    context: sourceContext,
    subscribe: true,
    callback: () => this.load(),
  });
  private stopParams: (() => void) | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private loads = 0;

  private get source(): Source | undefined {
    return this.consumer.value;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopParams?.();
    this.stopParams = undefined;
    clearTimeout(this.searchTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('dimension') || changed.has('type')) this.load();
    // The initial value is applied by load(), and only where nothing (the URL, say) set the parameter yet.
    if (this.hasUpdated && changed.has('value') && this.value !== undefined && this.source && this.name) {
      this.source.params.set(this.name, parseValue(this.value));
    }
  }

  protected override render() {
    const label = this.label ?? this.dimensionTitle;
    return html`<label part="base">
      ${label ? html`<span part="label">${label}</span>` : nothing}${this.control()}${
        this.problem ? html`<span part="error" role="alert">${this.problem}</span>` : nothing
      }
    </label>`;
  }

  private control() {
    const current = this.source?.params.get(this.name);
    const all = this.source?.locale === 'en' ? 'All' : '全部';
    switch (this.type) {
      case 'multi-select': {
        const chosen = new Set((Array.isArray(current) ? current : []).map(String));
        return html`<select part="control" multiple @change=${this.onSelect}>
          ${this.options.map(
            (o) =>
              html`<option value=${String(o.value)} ?selected=${chosen.has(String(o.value))}>
                ${o.label}
              </option>`,
          )}
        </select>`;
      }
      case 'date-range': {
        const range = (current ?? {}) as Partial<AbsoluteDateRange>;
        return html`<input
            part="control start"
            type="date"
            .value=${range.start ?? ''}
            @change=${this.onRange}
          />
          <span part="separator">–</span>
          <input part="control end" type="date" .value=${range.end ?? ''} @change=${this.onRange} />`;
      }
      case 'search': {
        const text = typeof current === 'string' ? current.replace(/^%|%$/g, '') : '';
        return html`<input part="control" type="search" .value=${text} @input=${this.onSearch} />`;
      }
      default:
        return html`<select part="control" @change=${this.onSelect}>
          <option value="" ?selected=${current === undefined}>${all}</option>
          ${this.options.map(
            (o) =>
              html`<option value=${String(o.value)} ?selected=${String(o.value) === String(current)}>
                ${o.label}
              </option>`,
          )}
        </select>`;
    }
  }

  private onSelect(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const chosen = [...select.selectedOptions].map((o) =>
      this.options.find((c) => String(c.value) === o.value),
    );
    const picked = chosen.filter((o): o is Option => o !== undefined);
    if (this.type === 'multi-select') {
      this.set(picked.length ? picked.map((o) => o.value) : undefined, picked.map((o) => o.label).join('、'));
    } else {
      this.set(picked[0]?.value ?? undefined, picked[0]?.label);
    }
  }

  private onRange(): void {
    const [start, end] = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[type="date"]')].map(
      (i) => i.value,
    );
    this.set(start && end ? { start, end: end < start ? start : end } : undefined);
  }

  private onSearch(event: Event): void {
    const text = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.searchTimer = undefined;
      this.set(text ? (this.match === 'exact' ? text : `%${text}%`) : undefined, text);
    }, SEARCH_DELAY);
  }

  private set(value: ParamValue | undefined, label?: string): void {
    const params = this.source?.params;
    if (!params || !this.name) return;
    params.set(this.name, value, label);
    this.dispatchEvent(new ChangeEvent({ name: this.name, value, label }));
  }

  /** Reads title and options from the catalog (querying distinct values when the catalog lists none). */
  private async load(): Promise<void> {
    const source = this.source;
    this.stopParams?.();
    this.stopParams = source?.params.subscribe((changed) => {
      if (changed.has(this.name)) this.requestUpdate();
    });
    if (!source || !this.name) return;
    if (this.value !== undefined && source.params.get(this.name) === undefined) {
      source.params.set(this.name, parseValue(this.value));
    }
    const load = ++this.loads;
    try {
      if (!this.dimension) return;
      const catalog = await source.catalog();
      const dimension = findDimension(catalog, this.dimension);
      this.dimensionTitle = dimension.title[source.locale];
      const options =
        this.type === 'select' || this.type === 'multi-select'
          ? await listOptions(source, this.dimension, dimension)
          : [];
      if (load === this.loads) {
        this.options = options;
        this.problem = undefined;
      }
    } catch (error) {
      if (load === this.loads)
        this.problem = error instanceof QueryError ? describeError(error) : String(error);
    }
  }
}

function findDimension(catalog: Catalog, qualified: string): Dimension {
  const [viewName, memberName] = qualified.split('.');
  const dimension = catalog.views
    .find((v) => v.name === viewName)
    ?.dimensions.find((d) => d.name === memberName);
  if (!dimension) {
    throw new QueryError(
      'invalid-query',
      `<cc-filter dimension="${qualified}">: no such dimension in the catalog; write it as view.member, e.g. admissions.admit_year.`,
    );
  }
  return dimension;
}

async function listOptions(source: Source, qualified: string, dimension: Dimension): Promise<Option[]> {
  if (dimension.values) return dimension.values.map((value) => ({ value, label: value }));
  const view = qualified.split('.')[0]!;
  const attributes = dimension.attributes?.map((a) => a.name) ?? [];
  const labelled = attributes.includes('code') && attributes.includes('name');
  const ir: QueryIR = {
    v: 1,
    from: view,
    dimensions: labelled
      ? [
          { member: qualified, attribute: 'code' },
          { member: qualified, attribute: 'name' },
        ]
      : [{ member: qualified }],
    order: [{ by: labelled ? `${qualified}.code` : qualified }],
    limit: MAX_OPTIONS,
  };
  const result = await source.query(ir);
  const [values, labels] = [result.columns[0]?.values ?? [], result.columns[labelled ? 1 : 0]?.values ?? []];
  const options: Option[] = [];
  for (let i = 0; i < result.rowCount; i++) {
    const value = values[i] as Scalar;
    if (value !== null && value !== undefined) options.push({ value, label: String(labels[i] ?? value) });
  }
  return options;
}

/** Reads an attribute value: JSON when it parses (`2025`, `["a","b"]`), else the text itself. */
function parseValue(text: string): ParamValue {
  try {
    return JSON.parse(text) as ParamValue;
  } catch {
    return text.replace(/^'(.*)'$/, '$1');
  }
}
