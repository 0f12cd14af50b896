import { css } from 'lit';

/**
 * Global design tokens every element falls back to. Pages override them on any ancestor
 * (`:root { --cc-color-accent: … }`); each element also offers its own `--cc-<element>-*` properties.
 */
export const tokenDefaults = css`
  :host {
    --_font-family: var(
      --cc-font-family,
      system-ui,
      -apple-system,
      'PingFang SC',
      'Microsoft YaHei',
      'Noto Sans CJK SC',
      sans-serif
    );
    --_color-text: var(--cc-color-text, #1f2937);
    --_color-muted: var(--cc-color-muted, #6b7280);
    --_color-surface: var(--cc-color-surface, #ffffff);
    --_color-border: var(--cc-color-border, #e5e7eb);
    --_color-danger: var(--cc-color-danger, #b91c1c);
    --_radius: var(--cc-radius, 8px);
    --_space: var(--cc-space, 12px);
  }
`;
