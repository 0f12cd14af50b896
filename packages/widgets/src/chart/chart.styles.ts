import { css } from 'lit';

export const chartStyles = css`
  :host {
    --_background: var(--cc-chart-background, var(--_color-surface));
    --_height: var(--cc-chart-height, 320px);

    display: block;
    box-sizing: border-box;
    height: var(--_height);
    font-family: var(--_font-family);
  }

  :host([hidden]) {
    display: none;
  }

  [part='base'] {
    position: relative;
    box-sizing: border-box;
    width: 100%;
    height: 100%;
    background: var(--_background);
    border-radius: var(--_radius);
    overflow: hidden;
  }

  [part='canvas'] {
    position: absolute;
    inset: 0;
  }

  [part='error'] {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    padding: var(--_space);
    color: var(--_color-danger);
    font-size: 14px;
    text-align: center;
  }
`;
