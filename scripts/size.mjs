// Prints the minified and gzip size of every browser output and fails past the budgets in size-budgets.json.
import { existsSync, readFileSync } from 'node:fs';
import { browserOutputs, kb, measure, measureWithStaticImports } from './lib/sizes.mjs';

const budgets = JSON.parse(readFileSync('size-budgets.json', 'utf8'));
delete budgets.$comment;

if (!existsSync('dist')) {
  console.error('No dist/ folder: run `npm run build` first.');
  process.exit(1);
}

let failures = 0;
for (const file of browserOutputs()) {
  // ES module entries are budgeted with the chunks they import statically.
  const isModuleEntry = budgets[file] !== undefined && !file.includes('.iife.');
  const { min, gzip, files = 1 } = isModuleEntry ? measureWithStaticImports(file) : measure(file);
  const budget = budgets[file];
  const verdict =
    budget === undefined
      ? ''
      : gzip <= budget
        ? `  ≤ ${kb(budget)} KB ok`
        : `  > ${kb(budget)} KB OVER BUDGET`;
  if (budget !== undefined && gzip > budget) failures++;
  const withImports = files > 1 ? ` (with ${files - 1} imported chunk${files > 2 ? 's' : ''})` : '';
  console.log(
    `${file.padEnd(52)} ${kb(min).padStart(8)} KB min ${kb(gzip).padStart(7)} KB gzip${verdict}${withImports}`,
  );
}
for (const file of Object.keys(budgets)) {
  if (!existsSync(file)) {
    console.error(`${file}: missing — the build did not produce it (see rollup.config.js).`);
    failures++;
  }
}
// A page whose tiles hold query text also fetches the checker, beside the catalog (see the client's source),
// and the wording of diagnostics only when a query has errors.
const chunk = (name) => browserOutputs().find((file) => file.startsWith(`dist/chunks/kpi-${name}-`));
const [checker, wording] = [chunk('text-query'), chunk('text-diagnostics')];
if (checker && wording) {
  const page = measureWithStaticImports('dist/campus-cockpit-kpi.min.js').gzip + measure(checker).gzip;
  console.log(`KPI page with query text (entry + checker chunk): ${kb(page)} KB gzip`);
  console.log(`  + wording of diagnostics, for a query with errors: ${kb(measure(wording).gzip)} KB gzip`);
}
if (failures > 0) {
  console.error(
    `${failures} size budget(s) failed (budgets in size-budgets.json, gzip level 9, 1 KB = 1000 bytes).`,
  );
  process.exit(1);
}
