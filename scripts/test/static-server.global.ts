/**
 * Global setup of the browser test project: serves the repository's built outputs (dist/) and examples/
 * as plain static files on a free loopback port, so tests can load bundles exactly as portal pages do,
 * without the dev server's module transforms. Tests read the origin with `inject('staticOrigin')`.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const root = resolve(import.meta.dirname, '../..');
const servedFolders = ['dist', 'examples'];
const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

declare module 'vitest' {
  export interface ProvidedContext {
    staticOrigin: string;
  }
}

export default async function setup(project: TestProject) {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(root, path);
    const allowed = servedFolders.some((folder) => file.startsWith(join(root, folder) + '/'));
    if (!allowed || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'access-control-allow-origin': '*' }).end(`${path} not found`);
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'access-control-allow-origin': '*',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  project.provide('staticOrigin', `http://127.0.0.1:${port}`);
  return () => new Promise<void>((closed) => server.close(() => closed()));
}
