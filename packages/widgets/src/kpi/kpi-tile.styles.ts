import { css } from 'lit';

export const kpiTileStyles = css`
  :host {
    --_background: var(--cc-kpi-background, var(--_color-surface));
    --_label-color: var(--cc-kpi-label-color, var(--_color-muted));
    --_label-size: var(--cc-kpi-label-size, 14px);
    --_value-color: var(--cc-kpi-value-color, var(--_color-text));
    --_value-size: var(--cc-kpi-value-size, 32px);
    --_padding: var(--cc-kpi-padding, var(--_space));

    display: inline-block;
    box-sizing: border-box;
    min-width: 10em;
    font-family: var(--_font-family);
  }

  :host([hidden]) {
    display: none;
  }

  [part='base'] {
    box-sizing: border-box;
    height: 100%;
    padding: var(--_padding);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_background);
    display: flex;
    flex-direction: column;
    gap: 4px;
  }

  [part='label'] {
    color: var(--_label-color);
    font-size: var(--_label-size);
    line-height: 1.4;
  }

  [part='value'] {
    color: var(--_value-color);
    font-size: var(--_value-size);
    font-weight: 600;
    line-height: 1.2;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  [part='unit'] {
    margin-inline-start: 0.25em;
    font-size: 0.5em;
    font-weight: 400;
    color: var(--_label-color);
  }
`;
