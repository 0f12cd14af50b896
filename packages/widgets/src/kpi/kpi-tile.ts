import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { formatNumber, type NumberNotation } from '../format/format-number.js';
import { tokenDefaults } from '../theme/tokens.js';
import { kpiTileStyles } from './kpi-tile.styles.js';

/**
 * @summary A key figure with its label, such as 在校生 12,345.
 *
 * @csspart base - The tile.
 * @csspart label - The label above the value.
 * @csspart value - The formatted value.
 * @csspart unit - The unit after the value.
 *
 * @cssprop --cc-kpi-background - Tile background. Defaults to `--cc-color-surface`.
 * @cssprop --cc-kpi-label-color - Label and unit colour. Defaults to `--cc-color-muted`.
 * @cssprop --cc-kpi-label-size - Label font size. Default 14px.
 * @cssprop --cc-kpi-value-color - Value colour. Defaults to `--cc-color-text`.
 * @cssprop --cc-kpi-value-size - Value font size. Default 32px.
 * @cssprop --cc-kpi-padding - Inner spacing. Defaults to `--cc-space`.
 */
export class KpiTile extends LitElement {
  static override styles = [tokenDefaults, kpiTileStyles];

  /** The figure to show. Numeric strings keep all their digits. Default: none (shows an empty value). */
  @property() value: number | string | undefined;

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

  protected formattedValue(): string {
    if (this.value === undefined || this.value === null || this.value === '') return '';
    const options = {
      locale: this.locale,
      notation: this.notation,
      maximumFractionDigits: this.fractionDigits,
    };
    return formatNumber(this.value, options) || String(this.value);
  }

  protected override render() {
    return html`<div part="base">
      <span part="label">${this.label}</span>
      <span part="value"
        >${this.formattedValue()}${this.unit ? html`<span part="unit">${this.unit}</span>` : nothing}</span
      >
    </div>`;
  }
}
