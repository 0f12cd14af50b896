import { ContextProvider } from '@lit/context';
import { createSource, type Source, type TokenProvider } from '@campus-cockpit/client';
import type { Locale } from '@campus-cockpit/query';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { SelectEvent } from '../events/cc-select.js';
import { sourceContext } from './source-context.js';
import { sourceElementStyles } from './source-element.styles.js';

/**
 * @summary The page's connection to the warehouse, shared by every widget inside it.
 *
 * Widgets never fetch on their own: they find the nearest `<cc-source>` ancestor and ask it, so twenty tiles
 * with the same query cost one request, queries issued together travel in one batch, and one token refresh
 * serves them all. Changing `endpoint`, `token` or another option replaces the source (widgets follow).
 *
 * A `cc-select` event from a widget with `select-param="name"` sets the page parameter `name` (selecting the
 * same value again clears it).
 *
 * @slot - The widgets that use this source.
 */
export class SourceElement extends LitElement {
  static override styles = sourceElementStyles;

  /** Base URL of the warehouse, e.g. `/` or `https://bi.example.edu.cn/api/`. Required unless `source` is set. */
  @property() endpoint = '';

  /** A bearer token, or a provider function called once at start and once per expiry. Property only. */
  @property({ attribute: false }) token: string | TokenProvider | undefined;

  /** Extra headers on every request. Property only. */
  @property({ attribute: false }) headers: Record<string, string> | undefined;

  /** Time zone for displayed times. Default: the catalog's (`Asia/Shanghai`). */
  @property({ attribute: 'time-zone' }) timeZone: string | undefined;

  /** Locale of messages: `zh-CN` (default) or `en`. */
  @property() locale: Locale = 'zh-CN';

  /** Milliseconds before an unanswered request fails (long queries exempt). Default 10 000. */
  @property({ type: Number }) timeout: number | undefined;

  /** Keep refreshing while the page is hidden (big screens). Default false. */
  @property({ attribute: 'always-on', type: Boolean }) alwaysOn = false;

  /** Keep the last good results in IndexedDB for a screen rebooted during an outage. Default false. */
  @property({ type: Boolean }) persist = false;

  /** Two-way sync of the page parameters with the URL query string (`?p.year=2025`). Default false. */
  @property({ attribute: 'url-sync', type: Boolean }) urlSync = false;

  /** A source created with `createSource()` to share instead of creating one. Property only. */
  @property({ attribute: false }) source: Source | undefined;

  // TypeScript `private`, not `#private`: esbuild lowers #members of decorated classes to WeakMap helpers.
  private readonly contextProvider = new ContextProvider(this, { context: sourceContext });
  private ownedSource: Source | undefined;
  /** The settings the current source was made from, to tell when it must be replaced. */
  private sourceSettings: readonly unknown[] = [];

  /** The source the widgets inside use (created from the attributes, or the `source` property). */
  get current(): Source | undefined {
    return this.contextProvider.value;
  }

  private stopUrlSync: (() => void) | undefined;

  constructor() {
    super();
    this.addEventListener(SelectEvent.type, (event) => this.onSelect(event));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.provideSource();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.replaceSource(undefined);
  }

  protected override willUpdate(): void {
    if (this.isConnected) this.provideSource();
  }

  /** `select-param` on the selecting widget names the page parameter that takes the selected value. */
  private onSelect(event: SelectEvent): void {
    const name = (event.target as Element | null)?.getAttribute?.('select-param');
    const params = this.current?.params;
    if (!name || !params || event.defaultPrevented) return;
    const { value, label } = event.detail;
    const again = value !== undefined && JSON.stringify(params.get(name)) === JSON.stringify(value);
    params.set(name, again ? undefined : value, label);
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  private provideSource(): void {
    if (this.source) return this.replaceSource(this.source, false);
    if (!this.endpoint) return this.replaceSource(undefined);
    const settings = [
      this.endpoint,
      this.token,
      this.headers,
      this.timeZone,
      this.locale,
      this.timeout,
      this.alwaysOn,
      this.persist,
    ];
    if (this.ownedSource && settings.every((value, i) => value === this.sourceSettings[i]))
      return this.syncUrl();
    this.sourceSettings = settings;
    const source = createSource({
      endpoint: this.endpoint,
      token: this.token,
      headers: this.headers,
      timeZone: this.timeZone,
      locale: this.locale,
      timeout: this.timeout,
      alwaysOn: this.alwaysOn,
      persist: this.persist,
    });
    this.replaceSource(source, true);
  }

  private replaceSource(source: Source | undefined, owned = false): void {
    if (source === this.contextProvider.value) {
      this.syncUrl();
      return;
    }
    const previous = this.ownedSource;
    this.ownedSource = owned ? source : undefined;
    if (source && previous) source.params.update(previous.params.values);
    this.contextProvider.setValue(source);
    previous?.dispose();
    this.stopUrlSync?.();
    this.stopUrlSync = undefined;
    this.syncUrl();
  }

  private syncUrl(): void {
    const source = this.urlSync && this.isConnected ? this.current : undefined;
    if (source && !this.stopUrlSync) {
      let stop: (() => void) | undefined;
      this.stopUrlSync = () => {
        stop?.();
        stop = () => {};
      };
      // Only pages that ask for URL sync load it.
      void import('./url-sync.js').then(({ syncParamsWithUrl }) => {
        stop ??= syncParamsWithUrl(source.params);
      });
    }
    if (!source && this.stopUrlSync) {
      this.stopUrlSync();
      this.stopUrlSync = undefined;
    }
  }
}
