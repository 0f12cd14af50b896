import { css } from 'lit';

export const sourceElementStyles = css`
  :host {
    display: contents;
  }
`;
