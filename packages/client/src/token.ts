import { QueryError } from './errors.js';

/**
 * Supplies the bearer token. Called once at first use (`reason: 'initial'`) and once per expiry
 * (`reason: 'expired'`) when the server answers 401 — however many requests failed together. Return
 * `undefined` for anonymous access (the catalog's `public` views).
 */
export type TokenProvider = (context: {
  reason: 'initial' | 'expired';
}) => Promise<string | undefined> | string | undefined;

/**
 * Holds the current token and makes sure that twenty requests failing with 401 at the same moment cause one
 * call to the provider, not twenty (the refresh storm of Superset #29902).
 */
export class TokenKeeper {
  readonly #provider: TokenProvider | undefined;
  /** The token to send, once known; `undefined` before the first answer and after a failed one. */
  #current: Promise<string | undefined> | undefined;
  #settled: string | undefined;
  #refreshing: Promise<string | undefined> | undefined;

  constructor(token: string | TokenProvider | undefined) {
    this.#provider = typeof token === 'function' ? token : undefined;
    this.#settled = typeof token === 'string' ? token : undefined;
    if (!this.#provider) this.#current = Promise.resolve(this.#settled);
  }

  /** True when a provider can hand out a new token after a 401. */
  get refreshable(): boolean {
    return this.#provider !== undefined;
  }

  /** The token to send now (asks the provider the first time, and again after it failed). */
  get(): Promise<string | undefined> {
    return (this.#current ??= this.#ask('initial'));
  }

  /**
   * Reports that `rejected` was refused with 401 and returns the token to try next. Only the first report
   * for a given token calls the provider; the others wait for that same answer.
   */
  expired(rejected: string | undefined): Promise<string | undefined> {
    if (!this.#provider) return this.get();
    if (this.#refreshing) return this.#refreshing;
    if (rejected !== this.#settled) return this.get();
    const refreshing = this.#ask('expired');
    this.#refreshing = refreshing;
    this.#current = refreshing;
    const done = () => {
      if (this.#refreshing === refreshing) this.#refreshing = undefined;
    };
    refreshing.then(done, done);
    return refreshing;
  }

  /**
   * Asks the provider. A provider that fails (say, its own request hit the same network outage) is a
   * retryable network error, and the next request asks it again instead of reusing the failure.
   */
  async #ask(reason: 'initial' | 'expired'): Promise<string | undefined> {
    try {
      const token = await this.#provider!({ reason });
      this.#settled = token;
      return token;
    } catch (error) {
      this.#current = undefined;
      throw new QueryError('network', `The token provider failed: ${(error as Error)?.message ?? error}`, {
        cause: error,
      });
    }
  }
}
