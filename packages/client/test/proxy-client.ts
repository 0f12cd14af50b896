/** Browser-side helpers for tests that drive the fault-injecting proxy over HTTP. */
import type { FaultRule, ProxyLogEntry } from './fault-proxy.js';

export type { FaultRule, ProxyLogEntry };

/** A test's own slice of the proxy: its endpoint, fault rules and request log. */
export interface ProxyScope {
  endpoint: string;
  setFaults(rules: FaultRule[]): Promise<void>;
  log(): Promise<ProxyLogEntry[]>;
  /** Logged requests of one route, e.g. `POST /v1/query`. */
  count(route: string): Promise<number>;
}

let scopes = 0;

export function proxyScope(proxyUrl: string, name = `t${Date.now().toString(36)}${scopes++}`): ProxyScope {
  const control = `${proxyUrl}__proxy/${name}/`;
  const log = async () => (await (await fetch(control + 'log')).json()) as ProxyLogEntry[];
  return {
    endpoint: `${proxyUrl}s/${name}/`,
    async setFaults(rules) {
      await fetch(control + 'faults', { method: 'POST', body: JSON.stringify(rules) });
    },
    log,
    async count(route) {
      return (await log()).filter((entry) => `${entry.method} ${entry.path}` === route).length;
    },
  };
}
