/**
 * The lexer: query text → tokens, in one left-to-right pass (so it is linear in the input length).
 *
 * It never throws: a character it cannot read becomes a diagnostic and is skipped, and an unterminated
 * string or backtick name ends at the end of its line.
 */

/** Token kinds. `punct` covers every operator and separator; its `value` is the exact text. */
export type TokenKind = 'name' | 'quoted' | 'string' | 'number' | 'date' | 'param' | 'punct' | 'eof';

/** One token. Offsets are `[start, end)` in the source text. */
export interface Token {
  readonly kind: TokenKind;
  /**
   * The meaning: a name's text, a backtick name's or string's unescaped content, a number's or date's digits,
   * a parameter's name (without `:` and `?`), or the punctuator itself.
   */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** True when a line break separates this token from the previous one (newlines may end a clause). */
  readonly newline: boolean;
  /** For `param` tokens: written `:name?`. */
  readonly optional?: boolean;
}

/** A lexical problem: what went wrong, where, and what to write instead. */
export interface LexError {
  readonly code: 'unexpected-character' | 'unterminated-string' | 'unterminated-name';
  readonly start: number;
  readonly end: number;
  /** The offending text. */
  readonly text: string;
  /** A replacement that would lex, when one is obvious (a title wrapped in backticks, single quotes). */
  readonly suggestion?: string;
}

/** The result of {@link tokenize}. */
export interface LexResult {
  /** The tokens, always ending with one `eof`. */
  readonly tokens: Token[];
  readonly errors: LexError[];
}

const TWO_CHAR_PUNCT = new Set(['!=', '<>', '<=', '>=']);
const ONE_CHAR_PUNCT = '|,().=<>-';

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isNameStart = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isNameChar = (code: number): boolean => isNameStart(code) || isDigit(code);
const isLineBreak = (code: number): boolean => code === 10 || code === 13;
const isSpace = (code: number): boolean =>
  code === 32 || code === 9 || code === 12 || code === 0xa0 || code === 0x3000;
/** Letters outside ASCII (CJK titles written without backticks). */
const isWordChar = (char: string): boolean => /[\p{L}\p{N}_]/u.test(char);

/** `YYYY-MM-DD`, optionally followed by `THH:MM` or `THH:MM:SS` (sticky: matches only where it starts). */
const DATE_AT = /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?/y;

/** The length of the date starting at `offset`, or 0. */
function dateLength(body: string, offset: number): number {
  DATE_AT.lastIndex = offset;
  return DATE_AT.exec(body)?.[0].length ?? 0;
}

/**
 * Splits query text into tokens.
 *
 * - names: `[A-Za-z_][A-Za-z0-9_]*`; keywords are names read in context by the parser
 * - backtick names: `` `学院` `` (a catalog title or alias; no line breaks inside)
 * - strings: `'工学院'`, a quote inside written twice (`'it''s'`)
 * - numbers: `30`, `3.5`; dates: `2025-09-01`, `2025-09-01T08:00`, `2025-09-01T08:00:00`
 * - parameters: `:year` and `:year?`
 * - punctuators: `| , ( ) . = != <> < <= > >= -`
 */
export function tokenize(body: string): LexResult {
  const tokens: Token[] = [];
  const errors: LexError[] = [];
  const length = body.length;
  let offset = 0;
  let newline = false;
  const push = (kind: TokenKind, value: string, start: number, end: number, optional?: boolean): void => {
    tokens.push(
      optional ? { kind, value, start, end, newline, optional } : { kind, value, start, end, newline },
    );
    newline = false;
  };

  while (offset < length) {
    const code = body.charCodeAt(offset);
    const start = offset;
    if (isLineBreak(code)) {
      newline = true;
      offset++;
    } else if (isSpace(code)) {
      offset++;
    } else if (code === 35 /* # */) {
      // A comment runs to the end of the line.
      while (offset < length && !isLineBreak(body.charCodeAt(offset))) offset++;
    } else if (isNameStart(code)) {
      while (offset < length && isNameChar(body.charCodeAt(offset))) offset++;
      push('name', body.slice(start, offset), start, offset);
    } else if (isDigit(code)) {
      const dateEnd = dateLength(body, offset);
      if (dateEnd > 0) {
        offset += dateEnd;
        push('date', body.slice(start, offset), start, offset);
        continue;
      }
      while (offset < length && isDigit(body.charCodeAt(offset))) offset++;
      if (body[offset] === '.' && isDigit(body.charCodeAt(offset + 1))) {
        offset++;
        while (offset < length && isDigit(body.charCodeAt(offset))) offset++;
      }
      push('number', body.slice(start, offset), start, offset);
    } else if (code === 39 /* ' */ || code === 34 /* " */ || code === 0x2018 || code === 0x201c) {
      offset = readString(body, offset, push, errors);
    } else if (code === 96 /* ` */) {
      offset++;
      while (offset < length && body[offset] !== '`' && !isLineBreak(body.charCodeAt(offset))) offset++;
      const value = body.slice(start + 1, offset);
      if (body[offset] === '`') offset++;
      else
        errors.push({
          code: 'unterminated-name',
          start,
          end: offset,
          text: body.slice(start, offset),
          suggestion: '`' + value + '`',
        });
      push('quoted', value, start, offset);
    } else if (code === 58 /* : */ && isNameStart(body.charCodeAt(offset + 1))) {
      offset++;
      while (offset < length && isNameChar(body.charCodeAt(offset))) offset++;
      const name = body.slice(start + 1, offset);
      const optional = body[offset] === '?';
      if (optional) offset++;
      push('param', name, start, offset, optional);
    } else if (TWO_CHAR_PUNCT.has(body.slice(offset, offset + 2))) {
      offset += 2;
      push('punct', body.slice(start, offset), start, offset);
    } else if (ONE_CHAR_PUNCT.includes(body[offset] as string)) {
      offset++;
      push('punct', body[start] as string, start, offset);
    } else {
      offset = skipUnexpected(body, offset, errors);
      // A bare title reads as if it were in backticks, so the rest of the query is still checked.
      if (errors.at(-1)?.suggestion) push('quoted', body.slice(start, offset), start, offset);
    }
  }
  push('eof', '', length, length);
  return { tokens, errors };
}

/**
 * Reads a string starting at a quote. Single quotes are the language's; double and typographic quotes are
 * read the same way (so parsing can go on) but reported, since they break out of HTML attributes.
 */
function readString(
  body: string,
  start: number,
  push: (kind: TokenKind, value: string, start: number, end: number) => void,
  errors: LexError[],
): number {
  const open = body[start] as string;
  const close = open === '\u2018' ? '\u2019' : open === '\u201c' ? '\u201d' : open;
  let offset = start + 1;
  let value = '';
  let segmentStart = offset;
  let terminated = false;
  while (offset < body.length && !isLineBreak(body.charCodeAt(offset))) {
    if (body[offset] === close) {
      if (close === "'" && body[offset + 1] === "'") {
        value += body.slice(segmentStart, offset + 1);
        offset += 2;
        segmentStart = offset;
        continue;
      }
      terminated = true;
      break;
    }
    offset++;
  }
  value += body.slice(segmentStart, offset);
  if (terminated) offset++;
  const suggestion = "'" + value.replaceAll("'", "''") + "'";
  if (!terminated) {
    errors.push({
      code: 'unterminated-string',
      start,
      end: offset,
      text: body.slice(start, offset),
      suggestion,
    });
  } else if (open !== "'") {
    errors.push({
      code: 'unexpected-character',
      start,
      end: offset,
      text: body.slice(start, offset),
      suggestion,
    });
  }
  push('string', value, start, offset);
  return offset;
}

/**
 * Skips a character that starts no token. A run of letters (a Chinese title written bare) is taken whole
 * and reported once, with the backtick form as the fix.
 */
function skipUnexpected(body: string, start: number, errors: LexError[]): number {
  const first = String.fromCodePoint(body.codePointAt(start) as number);
  let offset = start + first.length;
  if (isWordChar(first)) {
    while (offset < body.length) {
      const next = String.fromCodePoint(body.codePointAt(offset) as number);
      if (!isWordChar(next)) break;
      offset += next.length;
    }
    const text = body.slice(start, offset);
    errors.push({ code: 'unexpected-character', start, end: offset, text, suggestion: '`' + text + '`' });
  } else {
    errors.push({ code: 'unexpected-character', start, end: offset, text: first });
  }
  return offset;
}
