// Minified and gzip sizes of build outputs, shared by `npm run size` and `npm run bench:size`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzip at level 9, as CDNs and static servers usually serve these files. */
export function measure(file) {
  const bytes = readFileSync(file);
  return { file, min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
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
