import type { ParamValue } from '@campus-cockpit/query';

/** What was selected. */
export interface SelectDetail {
  /** The selected value (a region code, a row's key, a bar's category); `undefined` clears the selection. */
  value: ParamValue | undefined;
  /** How to show the value (a province's name for its code). */
  label?: string | undefined;
  /** The column key the value belongs to, when the widget knows it (`admissions.origin_province.code`). */
  column?: string | undefined;
}

/**
 * A selection in a widget: a map region, a table row, a chart element. Bubbles out of shadow roots; on a
 * widget with `select-param="province"`, `<cc-source>` stores the value in the page parameter `province`
 * (selecting the same value again clears it), so every widget using `:province` follows.
 */
export class SelectEvent extends CustomEvent<SelectDetail> {
  static readonly type = 'cc-select';

  constructor(detail: SelectDetail) {
    super(SelectEvent.type, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cc-select': SelectEvent;
  }
}
