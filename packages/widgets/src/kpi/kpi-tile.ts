import { firstValue } from '@campus-cockpit/client';
import type { ParamValue, QueryIR } from '@campus-cockpit/query';
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { QueryController } from '../controllers/query-controller.js';
import { queryStatusStyles } from '../controllers/query-status.styles.js';
import { formatNumber, type NumberNotation } from '../format/format-number.js';
import { tokenDefaults } from '../theme/tokens.js';
import { kpiTileStyles } from './kpi-tile.styles.js';

/**
 * @summary A key figure with its label, such as 在校生 12,345: a static `value`, or the answer to a `query`
 * asked of the nearest `<cc-source>`.
 *
 * @csspart base - The tile.
 * @csspart label - The label above the value.
 * @csspart value - The formatted value.
 * @csspart unit - The unit after the value.
 * @csspart loading - Shown until the first answer arrives.
 * @csspart error - What went wrong (with line:col for a query error) and a retry button when it can help.
 * @csspart retry - The retry button.
 * @csspart empty - "无数据": the query matched no rows.
 * @csspart freshness - "数据更新于 HH:mm" and, when the last refresh failed, the stale badge.
 * @csspart updated-at - The time of the data shown.
 * @csspart stale-badge - Shown while the value is kept from an earlier answer.
 *
 * @cssprop --cc-kpi-background - Tile background. Defaults to `--cc-color-surface`.
 * @cssprop --cc-kpi-label-color - Label and unit colour. Defaults to `--cc-color-muted`.
 * @cssprop --cc-kpi-label-size - Label font size. Default 14px.
 * @cssprop --cc-kpi-value-color - Value colour. Defaults to `--cc-color-text`.
 * @cssprop --cc-kpi-value-size - Value font size. Default 32px.
 * @cssprop --cc-kpi-padding - Inner spacing. Defaults to `--cc-space`.
 */
export class KpiTile extends LitElement {
  static override styles = [tokenDefaults, queryStatusStyles, kpiTileStyles];

  /**
   * The figure to show when there is no `query`. Numeric strings keep all their digits. Default: none.
   */
  @property() value: number | string | undefined;

  /**
   * A query in the campus-cockpit query language (e.g. `from students | measure headcount | segment
   * enrolled`), or its wire IR as a property. The tile shows the first row of the chosen `measure`.
   * Default: none (the tile shows `value`).
   */
  @property() query: string | QueryIR | undefined;

  /** Which result column to show: a measure's qualified name. Default: the first measure. */
  @property() measure: string | undefined;

  /** Values for the query's `:name` parameters, over the page's parameters. Property only. */
  @property({ attribute: false }) params: Record<string, ParamValue | undefined> | undefined;

  /** Refresh interval such as `30s` or `5m`; refreshes of all widgets on the page are aligned. Default: none. */
  @property() refresh: string | undefined;

  /** Follow the warehouse's live updates for this query. Default false. */
  @property({ type: Boolean }) live = false;

  /** What the figure counts, shown above it. Default `''`. */
  @property() label = '';

  /** Unit written after the value, e.g. `人` or `GB`. Default `''`. */
  @property() unit = '';

  /** `auto` (default): in full below 1,000,000, compact (万/亿) above; `standard`; `compact`. */
  @property() notation: NumberNotation = 'auto';

  /** Locale for number formatting. Default `zh-CN`. */
  @property() locale = 'zh-CN';

  /** Largest number of fraction digits. Default: 2 in full notation, 1 in compact. */
  @property({ attribute: 'fraction-digits', type: Number }) fractionDigits: number | undefined;

  /** The tile's data: status, value, error and freshness of its query. */
  readonly data = new QueryController(this, {
    query: () => this.query,
    params: () => this.params,
    refresh: () => this.refresh,
    live: () => this.live,
  });

  protected format(value: unknown): string {
    if (value === undefined || value === null || value === '') return '';
    if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'bigint')
      return String(value);
    const options = {
      locale: this.locale,
      notation: this.notation,
      maximumFractionDigits: this.fractionDigits,
    };
    return formatNumber(value, options) || String(value);
  }

  protected renderValue(value: unknown) {
    return html`<span part="value"
      >${this.format(value)}${this.unit ? html`<span part="unit">${this.unit}</span>` : nothing}</span
    >`;
  }

  protected override render() {
    return html`<div part="base">
      <span part="label">${this.label}</span>
      ${
        this.query
          ? this.data.render((result) => {
              // An aggregate over no rows is one row holding null: for a tile that is "无数据" too.
              const value = firstValue(result, this.measure);
              return value === null || value === undefined
                ? this.data.renderEmpty()
                : this.renderValue(value);
            })
          : this.renderValue(this.value)
      }
    </div>`;
  }
}
