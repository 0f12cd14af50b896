/**
 * Global setup of the browser test project: starts the fake warehouse and the fault-injecting proxy in
 * Node, and hands their URLs to the tests running in Chromium (`inject('faultProxyUrl')`).
 */
import type { TestProject } from 'vitest/node';
import { startFakeWarehouse } from './fake-warehouse.js';
import { startFaultProxy } from './fault-proxy.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the fault-injecting proxy in front of the fake warehouse. */
    faultProxyUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const warehouse = await startFakeWarehouse();
  const proxy = await startFaultProxy(warehouse.url);
  project.provide('faultProxyUrl', proxy.url);
  return async () => {
    await proxy.close();
    await warehouse.close();
  };
}
