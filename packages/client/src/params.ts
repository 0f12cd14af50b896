import type { ParamValue } from '@campus-cockpit/query';

/** A parameter change: the names that changed. */
export type ParamListener = (changed: ReadonlySet<string>) => void;

/**
 * The page's parameters (year, college, province …): set by filters, selections and drill paths, read by
 * every widget whose query refers to them (`:year`). Listeners hear about each change once per task, with
 * every name that changed in it, so a filter setting three parameters triggers one round of queries.
 */
export class ParamStore {
  readonly #values = new Map<string, ParamValue>();
  readonly #labels = new Map<string, string>();
  readonly #listeners = new Set<ParamListener>();
  #changed = new Set<string>();
  #notifying = false;

  /** The current values, as a fresh object. */
  get values(): Record<string, ParamValue> {
    return Object.fromEntries(this.#values);
  }

  /** Number of listeners (for leak checks). */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  get(name: string): ParamValue | undefined {
    return this.#values.get(name);
  }

  /** A display label for the current value (e.g. a province's name for its code), when one was given. */
  label(name: string): string | undefined {
    return this.#labels.get(name);
  }

  /**
   * Sets a parameter; `undefined` or `null` unsets it (an optional `:name?` predicate is then dropped).
   * Setting the value it already has changes nothing.
   */
  set(name: string, value: ParamValue | undefined, label?: string): void {
    assertName(name);
    const unset = value === undefined || value === null;
    if (unset ? !this.#values.has(name) : sameValue(this.#values.get(name), value)) {
      if (!unset && label !== undefined) this.#labels.set(name, label);
      return;
    }
    if (unset) {
      this.#values.delete(name);
      this.#labels.delete(name);
    } else {
      this.#values.set(name, value);
      if (label === undefined) this.#labels.delete(name);
      else this.#labels.set(name, label);
    }
    this.#changed.add(name);
    if (!this.#notifying) {
      this.#notifying = true;
      queueMicrotask(() => this.#notify());
    }
  }

  /** Sets several parameters together (one notification). */
  update(values: Readonly<Record<string, ParamValue | undefined>>): void {
    for (const [name, value] of Object.entries(values)) this.set(name, value);
  }

  /** Calls `listener` after each change; returns the function that stops it. */
  subscribe(listener: ParamListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    this.#notifying = false;
    const changed = this.#changed;
    this.#changed = new Set();
    if (changed.size === 0) return;
    for (const listener of [...this.#listeners]) listener(changed);
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function assertName(name: string): void {
  if (!NAME.test(name)) {
    throw new TypeError(
      `Invalid parameter name '${name}': use a letter or _ followed by letters, digits or _.`,
    );
  }
}

function sameValue(a: ParamValue | undefined, b: ParamValue): boolean {
  return (
    a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b))
  );
}

/** Names of the `:name` parameters a query text refers to (a cheap scan; the checker does the real work). */
export function paramNamesInText(text: string): string[] {
  return [...new Set([...text.matchAll(/(?<![\w'])[:]([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!))];
}
