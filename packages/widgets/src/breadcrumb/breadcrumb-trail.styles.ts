import { css } from 'lit';

export const breadcrumbTrailStyles = css`
  :host {
    --_separator-color: var(--cc-breadcrumb-separator-color, var(--_color-muted));
    --_link-color: var(--cc-breadcrumb-link-color, var(--cc-color-accent, #2563eb));

    display: block;
    font-family: var(--_font-family);
    font-size: 14px;
    color: var(--_color-text);
  }

  :host([hidden]) {
    display: none;
  }

  [part='base'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  [part~='crumb'] {
    padding: 0;
    border: none;
    background: none;
    color: var(--_link-color);
    font: inherit;
    cursor: pointer;
  }

  [part~='current'] {
    color: var(--_color-text);
    cursor: default;
  }

  [part='separator'] {
    color: var(--_separator-color);
  }
`;
