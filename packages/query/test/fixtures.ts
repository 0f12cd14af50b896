/** Shared test fixtures: the seeded campus catalog and the examples folder (kept out of src/, so out of the build). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '../src/catalog.js';
import { useLocale } from '../src/locale-registry.js';
import { en } from '../src/locales/en.js';

// The tests read English diagnostics too; a page would `await loadLocale('en')` instead.
useLocale(en);

/** `packages/query/examples`. */
export const examplesDir = fileURLToPath(new URL('../examples', import.meta.url));

/** The seeded campus catalog (`examples/catalog.json`). */
export const catalog: Catalog = JSON.parse(readFileSync(`${examplesDir}/catalog.json`, 'utf8'));
