import { css } from 'lit';

/**
 * Styles of the pieces {@link QueryController} renders (freshness line, stale badge, error, empty and
 * loading states). Add them to a widget's `static styles`.
 */
export const queryStatusStyles = css`
  [part~='freshness'] {
    display: flex;
    align-items: center;
    gap: 6px;
    color: var(--_color-muted);
    font-size: 12px;
    line-height: 1.4;
  }

  [part~='stale-badge'] {
    --_stale-background: var(--cc-stale-badge-background, #fef3c7);
    --_stale-color: var(--cc-stale-badge-color, #92400e);

    padding: 0 6px;
    border-radius: 999px;
    background: var(--_stale-background);
    color: var(--_stale-color);
    font-size: 11px;
  }

  [part~='error'] {
    color: var(--_color-danger);
    font-size: 13px;
    line-height: 1.4;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  [part~='retry'] {
    margin-inline-start: 6px;
    padding: 0 8px;
    border: 1px solid currentColor;
    border-radius: 4px;
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  [part~='empty'],
  [part~='loading'] {
    color: var(--_color-muted);
  }
`;
