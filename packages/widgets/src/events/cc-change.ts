import type { ParamValue } from '@campus-cockpit/query';

/** A page parameter a control changed. */
export interface ChangeDetail {
  /** The parameter's name. */
  name: string;
  /** The new value; `undefined` when cleared. */
  value: ParamValue | undefined;
  label?: string | undefined;
}

/** Fired by `<cc-filter>` (and `<cc-breadcrumb>`) after it changed a page parameter. */
export class ChangeEvent extends CustomEvent<ChangeDetail> {
  static readonly type = 'cc-change';

  constructor(detail: ChangeDetail) {
    super(ChangeEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cc-change': ChangeEvent;
  }
}
