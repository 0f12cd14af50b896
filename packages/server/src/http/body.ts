/**
 * Reads a JSON request body with a size limit and a nesting limit checked before parsing, so a huge or deeply
 * nested body is refused without being parsed.
 */

import type { IncomingMessage } from 'node:http';
import { simpleProblem } from './problem.js';

/** Reads and parses a JSON body of at most `maxBytes` and `maxDepth` nesting levels. */
export async function readJsonBody(
  req: IncomingMessage,
  maxBytes: number,
  maxDepth: number,
): Promise<unknown> {
  return parseJsonText(await readBodyText(req, maxBytes), maxDepth);
}

/** Reads an `application/json` body of at most `maxBytes` as text. */
export async function readBodyText(req: IncomingMessage, maxBytes: number): Promise<string> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw simpleProblem(
      'invalidQuery',
      'invalid-ir',
      `The body must be application/json; got '${type || 'no content type'}'.`,
      'Send the IR as JSON with Content-Type: application/json.',
      {},
      415,
    );
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw tooLarge(maxBytes);
  }
  // Events rather than an async iterator: this is on every request's path.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () =>
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    );
    req.once('error', reject);
  });
}

/** Parses JSON text nested at most `maxDepth` levels (checked before parsing). */
export function parseJsonText(text: string, maxDepth: number): unknown {
  const depth = nestingDepth(text);
  if (depth > maxDepth) {
    throw simpleProblem(
      'tooLarge',
      'ir-too-large',
      `The body nests ${depth > 10_000 ? 'more than 10000' : depth} levels deep; the limit is ${maxDepth}.`,
      'Flatten the filter tree.',
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    throw simpleProblem(
      'invalidQuery',
      'invalid-ir',
      `The body is not valid JSON: ${message}`,
      'Check quotes, commas and brackets; strings use double quotes in JSON.',
    );
  }
}

function tooLarge(maxBytes: number) {
  return simpleProblem(
    'tooLarge',
    'ir-too-large',
    `The body is larger than the limit of ${maxBytes} bytes.`,
    'Send fewer queries per batch or shorter value lists.',
  );
}

/** Maximum nesting of `{`/`[` outside strings; stops counting past 10 001. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > 10_000) return max;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}
