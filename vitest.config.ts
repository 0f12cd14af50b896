import { existsSync } from 'node:fs';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

import { chromiumArgs, chromiumCandidate as chromePath } from './scripts/test/chromium.js';

// scripts/check-browser.mjs explains a missing Chromium before vitest starts.

const sourceConditions = {
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  // Node tests resolve through the SSR conditions: without 'source' they would load a stale dist/ build.
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
};

export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        ...sourceConditions,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/{query,client,server}/**/*.test.ts',
            'bench/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.browser.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        ...sourceConditions,
        test: {
          name: 'browser',
          // The fake warehouse behind a fault-injecting proxy (inject('faultProxyUrl')) serves data widget tests.
          globalSetup: ['./scripts/test/static-server.global.ts', './packages/client/test/browser-setup.ts'],
          include: ['packages/widgets/**/*.test.ts', 'packages/**/*.browser.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: existsSync(chromePath)
                ? { executablePath: chromePath, args: chromiumArgs }
                : { args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        ...sourceConditions,
        test: {
          // Whole-product tests: the reference server, the built pages (npm run build) and Chromium.
          name: 'e2e',
          environment: 'node',
          include: ['examples/**/*.e2e.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
