import { ContextConsumer, ContextRoot } from '@lit/context';
import {
  QueryError,
  describeError,
  isEmptyResult,
  paramNamesInText,
  parseDuration,
  referencedParams,
  stableStringify,
  type QueryResult,
  type QueryState,
  type QueryStatus,
  type Source,
  type Watch,
} from '@campus-cockpit/client';
import type { ParamValue, QueryIR } from '@campus-cockpit/query';
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { sourceContext } from '../source/source-context.js';
import { formatUpdatedAt } from './freshness.js';
import { messagesFor } from './messages.js';

/** A widget's query inputs, read from its properties on every update. */
export interface QueryControllerOptions {
  /** The query: text (checked against the catalog) or a wire IR. Nothing to load when empty. */
  query: () => string | QueryIR | null | undefined;
  /**
   * Parameter values for the query's `:name` references, over the page's parameters (the source's
   * {@link ParamStore}, set by filters and selections), which every widget follows without code.
   */
  params?: () => Readonly<Record<string, ParamValue | undefined>> | undefined;
  /** Refresh interval such as `30s` (aligned across widgets), or milliseconds. */
  refresh?: () => string | number | null | undefined;
  /** Follow the live subscription stream. */
  live?: () => boolean;
  /** Ask for Arrow (large results). */
  arrow?: () => boolean;
}

/** {@link QueryStatus}, or `idle` while the widget has no query. */
export type DataStatus = 'idle' | QueryStatus;

let contextRoot: ContextRoot | undefined;

/**
 * The one data controller every widget uses. It finds the page's `<cc-source>`, watches the widget's query
 * with its parameters, and exposes `status`, `value`, `error` and `updatedAt`; it renders the freshness line
 * ("数据更新于 HH:mm") with a stale badge, and tells an error (with line:col and a retry button) from an
 * empty result ("无数据").
 *
 * ```ts
 * #data = new QueryController(this, { query: () => this.query, refresh: () => this.refresh });
 * render() { return this.#data.render((result) => html`${firstValue(result)}`); }
 * ```
 */
export class QueryController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: QueryControllerOptions;
  readonly #consumer: ContextConsumer<typeof sourceContext, ReactiveControllerHost & HTMLElement>;
  #watch: Watch | undefined;
  #watchedKey: string | undefined;
  #watchedSource: Source | undefined;
  #state: QueryState | undefined;
  #configError: QueryError | undefined;
  #waitTicker: ReturnType<typeof setInterval> | undefined;
  /** The page parameters the query refers to, and the subscription that follows them. */
  #paramNames: string[] = [];
  #stopParams: (() => void) | undefined;
  #paramSource: Source | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: QueryControllerOptions) {
    this.#host = host;
    this.#options = options;
    this.#consumer = new ContextConsumer(host, {
      context: sourceContext,
      subscribe: true,
      callback: () => host.requestUpdate(),
    });
    host.addController(this);
  }

  /** The source in use (from the nearest `<cc-source>`). */
  get source(): Source | undefined {
    return this.#consumer.value;
  }

  /** `idle` (no query), `loading`, `ready`, `refreshing`, `stale` or `error`. */
  get status(): DataStatus {
    if (this.#configError) return 'error';
    return this.#state?.status ?? 'idle';
  }

  /** The last good result (kept while `refreshing` and `stale`). */
  get value(): QueryResult | undefined {
    return this.#configError ? undefined : this.#state?.value;
  }

  /** Why the query failed (`error`) or why the value is `stale`. */
  get error(): QueryError | undefined {
    return this.#configError ?? this.#state?.error;
  }

  /** When the value was fetched. */
  get updatedAt(): Date | undefined {
    const at = this.#state?.updatedAt;
    return at === undefined ? undefined : new Date(at);
  }

  /** While the server works on a long query: since when (epoch ms). */
  get waitingSince(): number | undefined {
    return this.#state?.waitingSince;
  }

  /** True when the query answered with no rows (not an error). */
  get isEmpty(): boolean {
    const value = this.value;
    return value !== undefined && isEmptyResult(value);
  }

  /** Fetches again now (also what the retry button does). */
  retry(): void {
    this.#watch?.refetch();
  }

  hostConnected(): void {
    if (!contextRoot) {
      // Providers upgraded after their consumers (define order, late scripts) still reach them.
      contextRoot = new ContextRoot();
      contextRoot.attach(document.documentElement);
    }
    // Reconnected after a move: open the watch again.
    if (this.#watchedKey === undefined) this.#host.requestUpdate();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#close();
    this.#watchedKey = undefined;
    this.#stopParams?.();
    this.#stopParams = this.#paramSource = undefined;
  }

  /**
   * Maps the status to a template: loading and error states, "无数据" for an empty result, else `ready`
   * followed by the freshness line.
   */
  render(ready: (result: QueryResult) => unknown): TemplateResult | typeof nothing {
    const status = this.status;
    if (status === 'idle') return nothing;
    if (status === 'error') return this.renderError();
    if (!this.value) return this.renderLoading();
    return html`${this.isEmpty ? this.renderEmpty() : ready(this.value)}${this.renderFreshness()}`;
  }

  /** "数据更新于 HH:mm" (in the source's time zone) and, when stale, a badge whose title says why. */
  renderFreshness(): TemplateResult | typeof nothing {
    const at = this.#state?.updatedAt;
    if (at === undefined || !this.source) return nothing;
    const text = messagesFor(this.source.locale);
    const stale = this.status === 'stale';
    return html`<div part="freshness">
      <span part="updated-at">${text.updatedAt(formatUpdatedAt(at, this.source.timeZone))}</span>
      ${
        stale
          ? html`<span part="stale-badge" title=${this.error ? this.#describe(this.error) : ''}
              >${text.stale}</span
            >`
          : nothing
      }
    </div>`;
  }

  /** The error with its position (line:col) and a retry button when a retry can help. */
  renderError(): TemplateResult | typeof nothing {
    const error = this.error;
    if (!error) return nothing;
    const text = messagesFor(this.source?.locale);
    const canRetry = this.#state !== undefined && error.kind !== 'invalid-query';
    // No white space around the message: the part keeps line breaks (one error per line) with pre-wrap.
    const retry = canRetry
      ? html`<button part="retry" type="button" @click=${() => this.retry()}>${text.retry}</button>`
      : nothing;
    return html`<div part="error" role="alert">${this.#describe(error)}${retry}</div>`;
  }

  /** "无数据": the query ran and matched no rows. */
  renderEmpty(): TemplateResult {
    return html`<span part="empty">${messagesFor(this.source?.locale).empty}</span>`;
  }

  /** "加载中…", or for a long query the seconds waited so far. */
  renderLoading(): TemplateResult {
    const text = messagesFor(this.source?.locale);
    const since = this.waitingSince;
    const label = since === undefined ? text.loading : text.waiting(Math.round((Date.now() - since) / 1000));
    return html`<span part="loading" aria-busy="true">${label}</span>`;
  }

  #describe(error: QueryError): string {
    const text = messagesFor(this.source?.locale);
    if (error.kind === 'network') return text.unreachable;
    if (error.kind === 'timeout') return text.timeout;
    return describeError(error);
  }

  /** Opens, keeps or replaces the watch to match the current inputs and source. */
  #sync(): void {
    const options = this.#options;
    const query = options.query();
    const source = this.source;
    this.#configError = undefined;
    if (query === undefined || query === null || query === '') {
      this.#close();
      this.#watchedKey = undefined;
      this.#state = undefined;
      return;
    }
    if (!source) {
      this.#close();
      this.#watchedKey = undefined;
      this.#configError = new QueryError('invalid-query', messagesFor(undefined).noSource);
      return;
    }
    let refresh: number | undefined;
    try {
      const interval = options.refresh?.();
      refresh =
        interval === undefined || interval === null || interval === '' ? undefined : parseDuration(interval);
    } catch (error) {
      this.#close();
      this.#watchedKey = undefined;
      this.#configError = new QueryError('invalid-query', (error as Error).message);
      return;
    }
    const params = this.#params(query, source);
    const live = options.live?.() ?? false;
    const arrow = options.arrow?.() ?? false;
    const key = stableStringify([query, params ?? {}, refresh ?? 0, live, arrow]);
    if (key === this.#watchedKey && source === this.#watchedSource) return;
    this.#close();
    this.#watchedKey = key;
    this.#watchedSource = source;
    this.#watch = source.watch(query, { params, refresh, live, arrow }, (state) => this.#onState(state));
    this.#adopt(this.#watch.state);
  }

  #onState(state: QueryState): void {
    this.#adopt(state);
    this.#host.requestUpdate();
  }

  /** Takes a new state; when new parameters are loading, the previous value stays up meanwhile. */
  #adopt(state: QueryState): void {
    const previous = this.#state;
    this.#state =
      state.status === 'loading' && previous?.value
        ? { ...state, status: 'refreshing', value: previous.value, updatedAt: previous.updatedAt }
        : state;
    this.#tickWhileWaiting();
  }

  #tickWhileWaiting(): void {
    const waiting = this.#state?.waitingSince !== undefined && !this.#state.value;
    if (waiting && this.#waitTicker === undefined) {
      this.#waitTicker = setInterval(() => this.#host.requestUpdate(), 1000);
    } else if (!waiting && this.#waitTicker !== undefined) {
      clearInterval(this.#waitTicker);
      this.#waitTicker = undefined;
    }
  }

  /** The page parameters the query refers to, overlaid by the widget's own; follows the page's changes. */
  #params(query: string | QueryIR, source: Source): Record<string, ParamValue | undefined> {
    this.#paramNames = typeof query === 'string' ? paramNamesInText(query) : [...referencedParams(query)];
    if (this.#paramSource !== source) {
      this.#stopParams?.();
      this.#paramSource = source;
      this.#stopParams = source.params.subscribe((changed) => {
        if (this.#paramNames.some((name) => changed.has(name))) this.#host.requestUpdate();
      });
    }
    const params: Record<string, ParamValue | undefined> = {};
    for (const name of this.#paramNames) {
      const value = source.params.get(name);
      if (value !== undefined) params[name] = value;
    }
    return { ...params, ...this.#options.params?.() };
  }

  #close(): void {
    this.#watch?.close();
    this.#watch = undefined;
    this.#watchedSource = undefined;
    clearInterval(this.#waitTicker);
    this.#waitTicker = undefined;
  }
}
