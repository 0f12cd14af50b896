// Minified and gzip sizes of build outputs, shared by `npm run size` and `npm run bench:size`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzip at level 9, as CDNs and static servers usually serve these files. */
export function measure(file) {
  const bytes = readFileSync(file);
  return { file, min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Relative modules a (minified) ES module imports statically: `import … from "./x.js"`, `import "./x.js"`. */
function staticImports(file) {
  const code = readFileSync(file, 'utf8');
  const specifiers = [
    ...code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g),
  ];
  return specifiers.map((match) => join(dirname(file), match[1]));
}

/**
 * The size of an ES module entry together with every chunk it imports statically (what a browser must fetch
 * before the entry runs), each gzipped on its own as a server sends it. Lazy `import()` chunks are not counted.
 */
export function measureWithStaticImports(file) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    staticImports(path).forEach(visit);
  };
  visit(file);
  const parts = [...seen].map(measure);
  return {
    file,
    min: parts.reduce((sum, part) => sum + part.min, 0),
    gzip: parts.reduce((sum, part) => sum + part.gzip, 0),
    files: parts.length,
  };
}

/** Every `.js` file under `dist/` (the browser outputs), sorted by path. */
export function browserOutputs(dir = 'dist') {
  const files = [];
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js')) files.push(path);
    }
  };
  walk(dir);
  return files.sort();
}

export const kb = (bytes) => (bytes / 1000).toFixed(1);
