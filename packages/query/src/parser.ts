/**
 * The parser: tokens → syntax tree, by recursive descent (one function per grammar rule, its doc comment
 * being the rule) with one precedence-climbing loop for `and`/`or` in `where` predicates.
 *
 * It never throws and reports every syntax error: a rule that meets an unexpected token records it and
 * unwinds to the clause, and parsing resumes at the next clause separator. Work is linear in the input: every
 * loop consumes a token, recovery only moves forward, and nesting depth is capped.
 */

import type {
  BindingNode,
  Loc,
  ClauseNode,
  DateNode,
  DimensionNode,
  ListNode,
  NameNode,
  NumberNode,
  OrderItemNode,
  ParamNode,
  PathNode,
  PredicateNode,
  QueryNode,
  RangeNode,
  UnitNode,
  ValueNode,
  ComparisonOperator,
  CompareClause,
} from './ast.js';
import type { Direction, Granularity } from './ir.js';
import { GRANULARITIES } from './ir.js';
import { tokenize, type Token, type TokenKind } from './lexer.js';
import type { Issue } from './diagnostic.js';

/** Clause keywords; a line starting with one of them starts a new clause. */
export const CLAUSE_KEYWORDS = [
  'from',
  'measure',
  'by',
  'where',
  'segment',
  'during',
  'compare',
  'top',
  'order',
  'limit',
  'offset',
  'totals',
  'rollup',
  'with',
] as const;

/** Plural spellings read as their clause keyword. */
const CLAUSE_SYNONYMS: Record<string, string> = { measures: 'measure', segments: 'segment' };

/** Words people bring from SQL and other tools, and the clause that does that job here. */
const FAMILIAR_CLAUSES: Record<string, string> = {
  group: 'by',
  select: 'measure',
  filter: 'where',
  having: 'where',
  sort: 'order',
  range: 'during',
  between: 'during',
};

/** Clauses that may appear at most once (the others may repeat and accumulate). */
const SINGLE_CLAUSES = new Set(['From', 'During', 'Compare', 'Top', 'Limit', 'Offset', 'Totals', 'Rollup']);

/** A time unit as written, singular or plural (`day`, `days`) → its granularity. */
function unitOf(word: string): Granularity | undefined {
  return GRANULARITIES.find((unit) => word === unit || word === unit + 's');
}

/** Logical operators and their precedence: higher binds tighter. */
const PRECEDENCE: Readonly<Record<string, number>> = { or: 1, and: 2 };

const COMPARISON_OPERATORS = new Set(['=', '!=', '<>', '<', '<=', '>', '>=']);

/** Deepest nesting of parentheses and `not` accepted; deeper input is reported, not recursed into. */
export const MAX_NESTING = 64;

/** The result of {@link parseQuery}. */
export interface ParseOutput {
  readonly ast: QueryNode;
  readonly issues: Issue[];
  /** Tokens read plus rule invocations: the parser's work, for linearity checks. */
  readonly steps: number;
}

/** A node's fields without its location (distributes over unions, so a union of nodes can be built). */
type Fields<T> = T extends unknown ? Omit<T, 'loc'> : never;

/** Thrown inside the parser to unwind a clause after an error was recorded; never escapes it. */
class ClauseError {}

/**
 * Parses query text into a syntax tree and the syntax issues found. The grammar rules below are functions
 * sharing the parser's state: the tokens, where reading is, and how deep in parentheses and `not`s.
 */
export function parseQuery(body: string): ParseOutput {
  const lexed = tokenize(body);
  const tokens = lexed.tokens;
  const issues: Issue[] = lexed.errors.map((error) => ({
    code: error.code,
    loc: { start: error.start, end: error.end },
    args: { text: error.text },
    suggestions: error.suggestion === undefined ? undefined : [error.suggestion],
  }));
  /** Work done: tokens read plus rules entered. */
  let steps = 0;
  /** The index of the current token. */
  let position = 0;
  /** The end of the last token read: where the node being finished ends. */
  let previousEnd = 0;
  /** Parentheses and `not`s open around the current token. */
  let depth = 0;
  const ast = parseQueryNode();
  return { ast, issues, steps: steps + body.length };

  /**
   * Query : Separator* Clause ( Separator+ Clause )* Separator* EOF
   * Separator : `|` | a line break before a clause keyword
   *
   * Rules read tokens with a handful of helpers — `peek`, `optional`, `expect`, `many`, `node` — and report
   * what they expected with `fail`.
   */
  function parseQueryNode(): QueryNode {
    const clauses: ClauseNode[] = [];
    while (optional('punct', '|'));
    while (!peek('eof')) {
      const clauseStart = position;
      try {
        clauses.push(parseClause());
        if (!peek('eof') && !peek('punct', '|') && !atClauseLine()) missingSeparator();
      } catch (error) {
        if (!(error instanceof ClauseError)) throw error;
        depth = 0;
        synchronize(clauseStart);
      }
      while (optional('punct', '|'));
    }
    checkClauseOrder(clauses);
    const end = tokens[tokens.length - 1] as Token;
    return { kind: 'Query', clauses, loc: { start: 0, end: end.end } };
  }

  /**
   * Clause : FromClause | MeasureClause | ByClause | WhereClause | SegmentClause | DuringClause
   *        | CompareClause | TopClause | OrderClause | LimitClause | OffsetClause | TotalsClause
   *        | RollupClause | WithClause
   * MeasureClause : ( `measure` | `measures` ) Path ( `,` Path )*
   * ByClause : `by` Dimension ( `,` Dimension )*
   * SegmentClause : ( `segment` | `segments` ) Path ( `,` Path )*
   * TotalsClause : `totals`
   * RollupClause : `rollup` Path ( `,` Path )*
   * WithClause : `with` Binding ( `,` Binding )*
   */
  function parseClause(): ClauseNode {
    const token = current();
    const keyword = token.kind === 'name' ? (CLAUSE_SYNONYMS[token.value] ?? token.value) : '';
    switch (keyword) {
      case 'from':
        return parseFrom();
      case 'measure': {
        advance();
        const measures = many(parsePath);
        return node(token, { kind: 'Measure', measures });
      }
      case 'by': {
        advance();
        const dimensions = many(parseDimension);
        return node(token, { kind: 'By', dimensions });
      }
      case 'where':
        return parseWhere();
      case 'segment': {
        advance();
        const segments = many(parsePath);
        return node(token, { kind: 'Segment', segments });
      }
      case 'during':
        return parseDuring();
      case 'compare':
        return parseCompare();
      case 'top':
        return parseTop();
      case 'order':
        return parseOrder();
      case 'limit':
      case 'offset':
        return parseCount(keyword);
      case 'totals':
        advance();
        return node(token, { kind: 'Totals' });
      case 'rollup': {
        advance();
        const columns = many(parsePath);
        return node(token, { kind: 'Rollup', columns });
      }
      case 'with': {
        advance();
        const bindings = many(parseBinding);
        return node(token, { kind: 'With', bindings });
      }
    }
    if (token.kind === 'name') {
      issues.push({
        code: 'unknown-clause',
        loc: { start: token.start, end: token.end },
        args: { text: token.value, clauses: CLAUSE_KEYWORDS.join(', ') },
        near: {
          input: token.value,
          among: [...CLAUSE_KEYWORDS, ...Object.keys(FAMILIAR_CLAUSES)],
          instead: FAMILIAR_CLAUSES,
        },
      });
      throw new ClauseError();
    }
    return fail(['clause']);
  }

  /** FromClause : `from` Name */
  function parseFrom(): ClauseNode {
    const start = advance();
    const view = parseName();
    return node(start, { kind: 'From', view });
  }

  /** Dimension : Path ( `as` Name )? */
  function parseDimension(): DimensionNode {
    const start = current();
    const path = parsePath();
    const alias = optionalKeyword('as') ? parseName() : undefined;
    return alias ? node(start, { kind: 'Dimension', path, alias }) : node(start, { kind: 'Dimension', path });
  }

  /** Binding : Name `=` ( Value | List | Range ) */
  function parseBinding(): BindingNode {
    const start = current();
    const name = parseName();
    expect('punct', '=');
    const value = peek('punct', '(') ? parseValueList() : atRangeStart() ? parseRange() : parseValue();
    return node(start, { kind: 'Binding', name, value });
  }

  /** WhereClause : `where` Predicate */
  function parseWhere(): ClauseNode {
    const start = advance();
    const predicate = parsePredicate(1);
    return node(start, { kind: 'Where', predicate });
  }

  /**
   * Predicate : Unary ( ( `or` | `and` ) Unary )*   — `and` binds tighter than `or`, both left-associative
   *
   * Precedence climbing: parse an operand, then fold in every operator at least as tight as `minPrecedence`,
   * parsing its right operand at the next level up.
   */
  function parsePredicate(minPrecedence: number): PredicateNode {
    const start = current();
    let left = parseUnary();
    for (;;) {
      const token = current();
      const precedence = token.kind === 'name' ? PRECEDENCE[token.value] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      advance();
      const right = parsePredicate(precedence + 1);
      left = node<PredicateNode>(start, {
        kind: 'Logical',
        operator: token.value as 'and' | 'or',
        left,
        right,
      });
    }
  }

  /** Unary : `not` Unary | `(` Predicate `)` | Test */
  function parseUnary(): PredicateNode {
    const start = current();
    if (peekKeyword('not') || peek('punct', '(')) {
      if (++depth > MAX_NESTING) {
        issues.push({
          code: 'too-deep',
          loc: { start: start.start, end: start.end },
          args: { max: MAX_NESTING },
        });
        throw new ClauseError();
      }
      let result: PredicateNode;
      if (optionalKeyword('not')) {
        result = node(start, { kind: 'Not', operand: parseUnary() });
      } else {
        advance();
        result = parsePredicate(1);
        expect('punct', ')');
      }
      depth--;
      return result;
    }
    return parseTest();
  }

  /**
   * Test : Path ComparisonOperator Value
   *      | Path `not`? `in` ( List | Param )
   *      | Path `not`? `between` Value `and` Value
   *      | Path `not`? `like` Value
   *      | Path `is` `not`? `null`
   * ComparisonOperator : `=` | `!=` | `<>` | `<` | `<=` | `>` | `>=`
   */
  function parseTest(): PredicateNode {
    const start = current();
    const subject = parsePath();
    const token = current();
    if (token.kind === 'punct' && COMPARISON_OPERATORS.has(token.value)) {
      advance();
      const operator = (token.value === '<>' ? '!=' : token.value) as ComparisonOperator;
      const value = parseValue();
      return node(start, { kind: 'Comparison', subject, operator, value });
    }
    if (optionalKeyword('is')) {
      const negated = optionalKeyword('not');
      expectKeyword('null');
      return node(start, { kind: 'IsNull', subject, negated });
    }
    const negated = optionalKeyword('not');
    if (optionalKeyword('in')) {
      const values = peek('param') ? parseParam() : parseValueList();
      return node(start, { kind: 'In', subject, negated, values });
    }
    if (optionalKeyword('between')) {
      const low = parseValue();
      expectKeyword('and');
      const high = parseValue();
      return node(start, { kind: 'Between', subject, negated, low, high });
    }
    if (optionalKeyword('like')) {
      const pattern = parseValue();
      return node(start, { kind: 'Like', subject, negated, pattern });
    }
    return fail(
      negated ? ['in', 'between', 'like'] : ['=', '!=', '<', '<=', '>', '>=', 'in', 'between', 'like', 'is'],
    );
  }

  /** List : `(` Value ( `,` Value )* `)` */
  function parseValueList(): ListNode {
    const start = expect('punct', '(');
    const values = many(parseValue);
    expect('punct', ')');
    return node(start, { kind: 'List', values });
  }

  /**
   * Value : String | `-`? Number | Date | `true` | `false` | `null` | Param
   */
  function parseValue(): ValueNode {
    const token = current();
    switch (token.kind) {
      case 'string':
        advance();
        return node(token, { kind: 'String', value: token.value });
      case 'number':
        return parseNumber();
      case 'date':
        return parseDate();
      case 'param':
        return parseParam();
      case 'punct':
        if (token.value === '-') return parseNumber();
        break;
      case 'name':
        if (token.value === 'true' || token.value === 'false') {
          advance();
          return node(token, { kind: 'Boolean', value: token.value === 'true' });
        }
        if (token.value === 'null') {
          advance();
          return node(token, { kind: 'Null' });
        }
        // A bare word where a value belongs is almost always a string missing its quotes.
        return fail(['value'], ["'" + token.value + "'"]);
    }
    return fail(['value']);
  }

  /** Number : `-`? NumberToken */
  function parseNumber(): NumberNode {
    const start = current();
    const negative = optional('punct', '-') !== undefined;
    const token = expect('number');
    const value = Number(token.value);
    return node(start, { kind: 'Number', value: negative ? -value : value });
  }

  /** Date : DateToken */
  function parseDate(): DateNode {
    const token = expect('date');
    return node(token, { kind: 'Date', value: token.value });
  }

  /** Param : `:` Name `?`? */
  function parseParam(): ParamNode {
    const token = expect('param');
    return node(token, { kind: 'Param', name: token.value, optional: token.optional === true });
  }

  /** DuringClause : `during` Range */
  function parseDuring(): ClauseNode {
    const start = advance();
    return node(start, { kind: 'During', range: parseRange() });
  }

  /**
   * Range : `today` | `yesterday`
   *       | ( `this` | `next` ) Unit
   *       | `last` Unit
   *       | `last` Number Unit ( `including` `today` )?
   *       | Date `to` Date
   *       | Param
   */
  function parseRange(): RangeNode {
    const start = current();
    if (start.kind === 'param') return parseParam();
    if (start.kind === 'date') {
      const from = parseDate();
      expectKeyword('to');
      const to = parseDate();
      return node(start, { kind: 'AbsoluteRange', start: from, end: to });
    }
    if (optionalKeyword('today') || optionalKeyword('yesterday')) {
      return node(start, { kind: 'DayRange', day: start.value as 'today' | 'yesterday' });
    }
    if (optionalKeyword('this') || optionalKeyword('next')) {
      const unit = parseUnit();
      return node(start, { kind: 'UnitRange', which: start.value as 'this' | 'next', unit });
    }
    if (optionalKeyword('last')) {
      if (!peek('number')) {
        return node(start, { kind: 'UnitRange', which: 'last', unit: parseUnit() });
      }
      const count = parseNumber();
      const unit = parseUnit();
      let includeToday = false;
      if (optionalKeyword('including')) {
        expectKeyword('today');
        includeToday = true;
      }
      return node(start, { kind: 'LastNRange', count, unit, includeToday });
    }
    return fail(['today', 'yesterday', 'this', 'last', 'next', 'date', 'param']);
  }

  /** Unit : `minute`(s) | `hour`(s) | `day`(s) | `week`(s) | `month`(s) | `quarter`(s) | `year`(s)
   *      | `academic_year`(s) | `semester`(s) | `teaching_week`(s) */
  function parseUnit(): UnitNode {
    const token = current();
    const value = token.kind === 'name' ? unitOf(token.value) : undefined;
    if (value === undefined) {
      if (token.kind === 'name') {
        issues.push({
          code: 'unknown-granularity',
          loc: { start: token.start, end: token.end },
          args: { text: token.value },
          near: { input: token.value, among: GRANULARITIES },
        });
        throw new ClauseError();
      }
      return fail(['unit']);
    }
    advance();
    return node(token, { kind: 'Unit', value, text: token.value });
  }

  /** CompareClause : `compare` `previous` ( `period` | Unit ) */
  function parseCompare(): ClauseNode {
    const start = advance();
    expectKeyword('previous');
    const token = current();
    const previous: CompareClause['previous'] =
      token.kind === 'name' && token.value === 'period' ? parseName() : parseUnit();
    return node(start, { kind: 'Compare', previous });
  }

  /** TopClause : `top` Number `by` Path Direction? ( `per` Path )? `others`? */
  function parseTop(): ClauseNode {
    const start = advance();
    const count = parseNumber();
    expectKeyword('by');
    const by = parsePath();
    const direction = parseDirection();
    const per = optionalKeyword('per') ? parsePath() : undefined;
    const others = optionalKeyword('others');
    return node(start, {
      kind: 'Top',
      count,
      by,
      ...(direction && { direction }),
      ...(per && { per }),
      others,
    });
  }

  /** OrderClause : `order` `by`? OrderItem ( `,` OrderItem )*
   *  OrderItem : Path Direction? */
  function parseOrder(): ClauseNode {
    const start = advance();
    optionalKeyword('by');
    const items = many((): OrderItemNode => {
      const itemStart = current();
      const path = parsePath();
      const direction = parseDirection();
      return node(itemStart, { kind: 'OrderItem', path, ...(direction && { direction }) });
    });
    return node(start, { kind: 'Order', items });
  }

  /** Direction : `asc` | `desc` */
  function parseDirection(): Direction | undefined {
    if (optionalKeyword('asc')) return 'asc';
    if (optionalKeyword('desc')) return 'desc';
    return undefined;
  }

  /** LimitClause : `limit` Number
   *  OffsetClause : `offset` Number */
  function parseCount(keyword: 'limit' | 'offset'): ClauseNode {
    const start = advance();
    const count = parseNumber();
    return node(start, { kind: keyword === 'limit' ? 'Limit' : 'Offset', count });
  }

  /** Path : Name ( `.` Name )* */
  function parsePath(): PathNode {
    const start = current();
    const parts = [parseName()];
    while (optional('punct', '.')) parts.push(parseName());
    return node(start, { kind: 'Path', parts });
  }

  /** Name : NameToken | `` ` `` title `` ` `` */
  function parseName(): NameNode {
    const token = current();
    if (token.kind !== 'name' && token.kind !== 'quoted') return fail(['name']);
    advance();
    return node(token, { kind: 'Name', value: token.value, quoted: token.kind === 'quoted' });
  }

  // Helpers shared by every rule.

  /** The current token, counted as one step of work. */
  function current(): Token {
    steps++;
    return tokens[position] as Token;
  }

  /** True when the current token has this kind (and value). */
  function peek(kind: TokenKind, value?: string): boolean {
    const token = current();
    return token.kind === kind && (value === undefined || token.value === value);
  }

  function peekKeyword(keyword: string): boolean {
    return peek('name', keyword);
  }

  /** Consumes the current token and returns it. */
  function advance(): Token {
    const token = current();
    if (token.kind !== 'eof') position++;
    previousEnd = token.end;
    return token;
  }

  /** Consumes the current token if it matches. */
  function optional(kind: TokenKind, value?: string): Token | undefined {
    return peek(kind, value) ? advance() : undefined;
  }

  function optionalKeyword(keyword: string): boolean {
    return optional('name', keyword) !== undefined;
  }

  /** Consumes the current token, which must match; otherwise reports what was expected and unwinds. */
  function expect(kind: TokenKind, value?: string): Token {
    return optional(kind, value) ?? fail([value ?? kind]);
  }

  function expectKeyword(keyword: string): void {
    expect('name', keyword);
  }

  /** Item ( `,` Item )* */
  function many<T>(parseItem: () => T): T[] {
    const items = [parseItem()];
    while (optional('punct', ',')) items.push(parseItem());
    return items;
  }

  /** Finishes a node: its fields, and its location from `start` to the end of the last token read. */
  function node<T extends { loc: Loc }>(start: Token, fields: Fields<T>): T {
    // Completing the literal in place: copying it with a spread made parsing 2× slower.
    const node = fields as unknown as { loc: Loc };
    node.loc = { start: start.start, end: Math.max(start.end, previousEnd) };
    return node as T;
  }

  /** Records an unexpected token and unwinds to the clause. */
  function fail(expected: string[], suggestions?: string[]): never {
    const token = current();
    issues.push({
      code: 'unexpected-token',
      loc: { start: token.start, end: token.end },
      args: { found: describe(token), expected: expected.join(' ') },
      suggestions,
    });
    throw new ClauseError();
  }

  /**
   * After a complete clause, something other than a separator: a clause keyword is reported (it lacks its
   * `|`) and parsed as the next clause; anything else is unexpected.
   */
  function missingSeparator(): void {
    const token = current();
    if (token.kind !== 'name' || !isClauseKeyword(token.value)) fail(['|', 'end']);
    issues.push({
      code: 'unexpected-token',
      loc: { start: token.start, end: token.end },
      args: { found: describe(token), expected: '|' },
      suggestions: ['| ' + token.value],
    });
  }

  /** True at a line that starts with a clause keyword (an implicit separator). */
  function atClauseLine(): boolean {
    const token = current();
    return token.newline && token.kind === 'name' && isClauseKeyword(token.value);
  }

  /** True when the next tokens start a date range rather than a value (in a `with` binding). */
  function atRangeStart(): boolean {
    const token = current();
    if (token.kind === 'date') {
      const next = tokens[position + 1];
      return next?.kind === 'name' && next.value === 'to';
    }
    return token.kind === 'name' && ['today', 'yesterday', 'this', 'last', 'next'].includes(token.value);
  }

  /** Skips to the next clause separator after an error. */
  function synchronize(clauseStart: number): void {
    while (!peek('eof') && !peek('punct', '|')) {
      if (position > clauseStart && atClauseLine()) return;
      advance();
    }
  }

  /** `from` first and once; single clauses once. */
  function checkClauseOrder(clauses: readonly ClauseNode[]): void {
    const seen = new Set<string>();
    const first = clauses[0];
    if (first?.kind !== 'From') {
      const loc = first?.loc ?? { start: 0, end: 0 };
      issues.push({ code: 'missing-from', loc: { start: loc.start, end: loc.start }, args: {} });
    }
    for (const clause of clauses) {
      if (SINGLE_CLAUSES.has(clause.kind) && seen.has(clause.kind)) {
        issues.push({
          code: 'duplicate-clause',
          loc: clause.loc,
          args: { clause: clause.kind.toLowerCase() },
        });
      }
      seen.add(clause.kind);
    }
  }
}

/** A token as quoted in messages: `'measure'`, or empty for the end of input (which messages name). */
function describe(token: Token): string {
  if (token.kind === 'eof') return '';
  const text =
    token.kind === 'string' ? token.value : token.kind === 'param' ? ':' + token.value : token.value;
  return `'${text}'`;
}

/** True for clause keywords and their plural synonyms. */
export function isClauseKeyword(name: string): boolean {
  return (CLAUSE_KEYWORDS as readonly string[]).includes(CLAUSE_SYNONYMS[name] ?? name);
}
