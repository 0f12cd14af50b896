import { css } from 'lit';

export const filterControlStyles = css`
  :host {
    --_gap: var(--cc-filter-gap, 6px);
    --_control-border: var(--cc-filter-border, var(--_color-border));

    display: inline-flex;
    font-family: var(--_font-family);
    color: var(--_color-text);
  }

  :host([hidden]) {
    display: none;
  }

  [part='base'] {
    display: inline-flex;
    align-items: center;
    gap: var(--_gap);
    font-size: 14px;
  }

  [part='label'] {
    color: var(--_color-muted);
  }

  [part~='control'] {
    min-height: 28px;
    padding: 2px 6px;
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: inherit;
    font: inherit;
  }

  [part~='error'] {
    color: var(--_color-danger);
    font-size: 12px;
  }
`;
