import type { Catalog } from '@campus-cockpit/query';
import { QueryError } from './errors.js';
import { exchange, type HttpContext } from './http.js';

/**
 * Fetches `GET /v1/meta` once and keeps it; {@link CatalogLoader.revalidate} asks again with
 * `If-None-Match`, so an unchanged catalog costs a 304 and no parsing.
 */
export class CatalogLoader {
  readonly #http: HttpContext;
  readonly #url: string;
  #catalog: Promise<Catalog> | undefined;
  #etag: string | undefined;
  /** How many times the catalog was requested from the server. */
  requestCount = 0;

  constructor(http: HttpContext, url: string) {
    this.#http = http;
    this.#url = url;
  }

  /** The catalog, fetched on first call and shared afterwards. A failed fetch is tried again next call. */
  get(): Promise<Catalog> {
    if (!this.#catalog) {
      const loading = this.#fetch(undefined);
      this.#catalog = loading;
      loading.catch(() => {
        if (this.#catalog === loading) this.#catalog = undefined;
      });
    }
    return this.#catalog;
  }

  /** Asks the server whether the catalog changed (a conditional request) and returns the current one. */
  async revalidate(): Promise<Catalog> {
    const current = this.#catalog ? await this.#catalog.catch(() => undefined) : undefined;
    const next = this.#fetch(current);
    const catalog = await next;
    this.#catalog = Promise.resolve(catalog);
    return catalog;
  }

  async #fetch(current: Catalog | undefined): Promise<Catalog> {
    this.requestCount++;
    const conditional = current && this.#etag ? { 'if-none-match': this.#etag } : undefined;
    return exchange(this.#http, {
      url: this.#url,
      ...(conditional ? { headers: conditional } : {}),
      read: async (response) => {
        if (response.status === 304 && current) return current;
        const catalog = (await response.json()) as Catalog;
        if (!catalog || !Array.isArray(catalog.views)) {
          throw new QueryError('http', `${this.#url} did not answer with a catalog (no "views").`);
        }
        this.#etag = response.headers.get('etag') ?? undefined;
        return catalog;
      },
    });
  }
}
