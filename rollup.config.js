// @ts-check
/**
 * One build for every package, from one helper.
 *
 *   packages/<name>/dist/**.js       per-package ESM (modules preserved, dependencies external) — for bundlers
 *   dist/campus-cockpit.iife.min.js  one <script>: every element except <cc-chart>
 *   dist/campus-cockpit-charts.iife.min.js  <cc-chart> with G2, self-contained
 *   dist/esm/                        <script type="module"> users; G2 is a chunk fetched when a <cc-chart> connects
 *   dist/campus-cockpit-kpi.min.js   a page's KPI tile with its <cc-source>: lit, client and query (budgeted)
 *   dist/campus-cockpit-query.min.js the whole query package (builder and validator too), for reference
 *   dist/campus-cockpit-query-check.min.js    the query check: what browsers load for text that is right (budgeted)
 *   dist/campus-cockpit-query-compile.min.js  the check plus the zh-CN wording of diagnostics (budgeted)
 *   dist/*.html                      the demo pages from examples/demo, served by `npm start`
 */
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import { builtinModules } from 'node:module';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import esbuild from 'rollup-plugin-esbuild';

/** Chrome 109 is the last Chrome on Windows 7, still common on campus PCs. */
const browserTarget = ['chrome109', 'edge109', 'firefox115', 'safari15'];
const nodeTarget = 'node20';

const packageJson = (name) => JSON.parse(readFileSync(`packages/${name}/package.json`, 'utf8'));

/** Bare imports (and node builtins) stay external in per-package builds. */
function isExternalFor(name) {
  const deps = Object.keys(packageJson(name).dependencies ?? {});
  return (id) =>
    id.startsWith('node:') ||
    builtinModules.includes(id) ||
    deps.some((dep) => id === dep || id.startsWith(`${dep}/`));
}

/**
 * G2 reaches html2canvas only for image export; a stub keeps ~47 KB gzip out of the chart chunk and
 * says what to do if someone asks for an image.
 */
function stubHtml2canvas() {
  const id = '\0html2canvas-stub';
  return {
    name: 'stub-html2canvas',
    resolveId: (source) => (source === 'html2canvas' ? id : null),
    load: (source) =>
      source === id
        ? 'export default function html2canvas() { throw new Error("campus-cockpit: image export via html2canvas is not bundled; export the chart canvas with canvas.toDataURL() instead."); }'
        : null,
  };
}

/** The demo pages sit beside the bundles they load, so `dist/` is a static site as a campus would deploy it. */
function copyDemoPages() {
  return {
    name: 'copy-demo-pages',
    writeBundle() {
      cpSync('examples/demo', 'dist', {
        recursive: true,
        filter: (path) => !/[\\/]test([\\/]|$)/.test(path),
      });
    },
  };
}

function browserPlugins({ minify }) {
  return [
    stubHtml2canvas(),
    nodeResolve({
      browser: true,
      exportConditions: ['source', 'browser', 'module', 'import', 'default'],
      extensions: ['.ts', '.mjs', '.js', '.json'],
      // @antv/g-lite installs twice under G2's dependency tree; two copies break G2's renderer registry.
      dedupe: ['@antv/g-lite', '@antv/g', '@antv/g-canvas'],
    }),
    commonjs(),
    esbuild({ target: browserTarget, minify, legalComments: 'none', tsconfig: 'tsconfig.base.json' }),
  ];
}

function packageBuild(name, input, { platform }) {
  return {
    input,
    external: isExternalFor(name),
    plugins: [
      nodeResolve({
        exportConditions: ['source', 'import', 'default'],
        extensions: ['.ts', '.mjs', '.js', '.json'],
        preferBuiltins: true,
      }),
      esbuild({ target: platform === 'node' ? nodeTarget : browserTarget, tsconfig: 'tsconfig.base.json' }),
    ],
    output: {
      dir: `packages/${name}/dist`,
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: `packages/${name}/src`,
      sourcemap: true,
    },
  };
}

const widgets = 'packages/widgets/src';

/**
 * `BUILD_ONLY=server rollup -c` builds just the server package (what `npm start` needs before it can seed);
 * `BUILD_ONLY=browser` builds everything else.
 */
const only = process.env.BUILD_ONLY;
const isServerBuild = (config) => JSON.stringify(config.input).includes('packages/server/');

// Hashed chunk names change between builds: start the browser outputs from an empty folder.
if (!process.env.ROLLUP_WATCH && only !== 'server') rmSync('dist', { recursive: true, force: true });

const configs = [
  packageBuild('query', { index: 'packages/query/src/index.ts' }, { platform: 'browser' }),
  packageBuild('client', { index: 'packages/client/src/index.ts' }, { platform: 'browser' }),
  packageBuild(
    'widgets',
    {
      index: `${widgets}/index.ts`,
      define: `${widgets}/define.ts`,
      'define-charts': `${widgets}/define-charts.ts`,
    },
    { platform: 'browser' },
  ),
  packageBuild(
    'server',
    { index: 'packages/server/src/index.ts', cli: 'packages/server/src/cli.ts' },
    { platform: 'node' },
  ),
  {
    input: `${widgets}/define.ts`,
    plugins: [...browserPlugins({ minify: true }), copyDemoPages()],
    // One file: the client's optional parts (Arrow decoding, live streams, persistence) are inlined here.
    output: {
      file: 'dist/campus-cockpit.iife.min.js',
      format: 'iife',
      name: 'CampusCockpit',
      inlineDynamicImports: true,
    },
  },
  {
    input: `${widgets}/define-charts.ts`,
    plugins: browserPlugins({ minify: true }),
    output: {
      file: 'dist/campus-cockpit-charts.iife.min.js',
      format: 'iife',
      name: 'CampusCockpitCharts',
      inlineDynamicImports: true,
    },
  },
  {
    input: { 'campus-cockpit': `${widgets}/define-all.ts` },
    plugins: browserPlugins({ minify: true }),
    output: { dir: 'dist/esm', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js' },
  },
  {
    input: 'scripts/size-entries/kpi-page.ts',
    plugins: browserPlugins({ minify: true }),
    // The client's optional parts (Arrow, live, persistence) stay lazy chunks; the size check counts the
    // entry with everything it imports statically.
    output: {
      dir: 'dist',
      entryFileNames: 'campus-cockpit-kpi.min.js',
      chunkFileNames: 'chunks/kpi-[name]-[hash].js',
      format: 'es',
    },
  },
  {
    input: 'packages/query/src/index.ts',
    plugins: browserPlugins({ minify: true }),
    output: { file: 'dist/campus-cockpit-query.min.js', format: 'es' },
  },
  {
    input: 'scripts/size-entries/query-check.ts',
    plugins: browserPlugins({ minify: true }),
    output: { file: 'dist/campus-cockpit-query-check.min.js', format: 'es' },
  },
  {
    input: 'scripts/size-entries/query-compile.ts',
    plugins: browserPlugins({ minify: true }),
    output: {
      dir: 'dist',
      entryFileNames: 'campus-cockpit-query-compile.min.js',
      chunkFileNames: 'chunks/query-[name]-[hash].js',
      format: 'es',
    },
  },
];

export default only === 'server'
  ? configs.filter(isServerBuild)
  : only === 'browser'
    ? configs.filter((config) => !isServerBuild(config))
    : configs;
