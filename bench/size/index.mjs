// Sizes of the browser outputs, each against a baseline built in the same run:
//   KPI entry vs lit alone; chart chunk vs G2's root import; core IIFE and query bundle on their own.
// Builds what it measures (`npm run build:bundles` first if dist/ is missing).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { kb, measure, measureWithStaticImports } from '../../scripts/lib/sizes.mjs';

if (!existsSync('dist/campus-cockpit-kpi.min.js')) {
  execFileSync(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c'], { stdio: 'inherit' });
}

const scratch = mkdtempSync(join(tmpdir(), 'cc-bench-size-'));
async function baseline(name, source) {
  const entry = join(scratch, `${name}.mjs`);
  const outfile = join(scratch, `${name}.min.js`);
  writeFileSync(entry, source);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'chrome109',
    logLevel: 'error',
    nodePaths: [join(process.cwd(), 'node_modules')],
    external: ['html2canvas'],
  });
  return measure(outfile);
}

const line = (subject, size, base) =>
  console.log(
    `${subject}: ${kb(size.gzip)} KB gzip` +
      (base ? `, baseline ${kb(base.gzip)} KB gzip, ratio ${(size.gzip / base.gzip).toFixed(2)}` : ''),
  );

try {
  const litAlone = await baseline('lit', "export { LitElement, html, css } from 'lit';\n");
  const g2Root = await baseline('g2', "export { Chart } from '@antv/g2';\n");
  line(
    'kpi page before the checker (tile + source: lit, client) vs lit alone',
    measureWithStaticImports('dist/campus-cockpit-kpi.min.js'),
    litAlone,
  );
  line(
    'query check (what browsers load for query text that is right)',
    measure('dist/campus-cockpit-query-check.min.js'),
  );
  line(
    'query compile (the check plus zh-CN wording, as for a query with errors)',
    measure('dist/campus-cockpit-query-compile.min.js'),
  );
  line('query package, whole (builder, validator, printer too)', measure('dist/campus-cockpit-query.min.js'));
  const checker = readdirSync('dist/chunks').find((name) => name.startsWith('kpi-text-query-'));
  const kpiPage = measureWithStaticImports('dist/campus-cockpit-kpi.min.js');
  const checkerSize = measure(join('dist/chunks', checker));
  line(
    'kpi page with query text (+ checker chunk) vs lit alone',
    { gzip: kpiPage.gzip + checkerSize.gzip },
    litAlone,
  );
  line('core iife (every element but the chart)', measure('dist/campus-cockpit.iife.min.js'));
  line('charts iife vs G2 root import', measure('dist/campus-cockpit-charts.iife.min.js'), g2Root);
  line('esm entry without G2', measureWithStaticImports('dist/esm/campus-cockpit.js'));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
