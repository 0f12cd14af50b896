/**
 * The parser: tokens → syntax tree, by recursive descent (one method per grammar rule, its doc comment being
 * the rule) with one precedence-climbing loop for `and`/`or` in `where` predicates.
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

/** Parses query text into a syntax tree and the syntax issues found. */
export function parseQuery(body: string): ParseOutput {
  const lexed = tokenize(body);
  const issues: Issue[] = lexed.errors.map((error) => ({
    code: error.code,
    loc: { start: error.start, end: error.end },
    args: { text: error.text },
    suggestions: error.suggestion === undefined ? undefined : [error.suggestion],
  }));
  const parser = new Parser(lexed.tokens, issues);
  const ast = parser.parseQuery();
  return { ast, issues, steps: parser.steps + body.length };
}

class Parser {
  steps = 0;
  #position = 0;
  #previousEnd = 0;
  #depth = 0;

  readonly #tokens: readonly Token[];
  readonly #issues: Issue[];

  constructor(tokens: readonly Token[], issues: Issue[]) {
    this.#tokens = tokens;
    this.#issues = issues;
  }

  /**
   * Query : Separator* Clause ( Separator+ Clause )* Separator* EOF
   * Separator : `|` | a line break before a clause keyword
   *
   * Rules read tokens with a handful of helpers — `peek`, `optional`, `expect`, `many`, `node` — and report
   * what they expected with `fail`.
   */
  parseQuery(): QueryNode {
    const clauses: ClauseNode[] = [];
    while (this.#optional('punct', '|'));
    while (!this.#peek('eof')) {
      const clauseStart = this.#position;
      try {
        clauses.push(this.#parseClause());
        if (!this.#peek('eof') && !this.#peek('punct', '|') && !this.#atClauseLine())
          this.#missingSeparator();
      } catch (error) {
        if (!(error instanceof ClauseError)) throw error;
        this.#depth = 0;
        this.#synchronize(clauseStart);
      }
      while (this.#optional('punct', '|'));
    }
    this.#checkClauseOrder(clauses);
    const end = this.#tokens[this.#tokens.length - 1] as Token;
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
  #parseClause(): ClauseNode {
    const token = this.#current();
    const keyword = token.kind === 'name' ? (CLAUSE_SYNONYMS[token.value] ?? token.value) : '';
    switch (keyword) {
      case 'from':
        return this.#parseFrom();
      case 'measure': {
        this.#advance();
        const measures = this.#many(() => this.#parsePath());
        return this.#node(token, { kind: 'Measure', measures });
      }
      case 'by': {
        this.#advance();
        const dimensions = this.#many(() => this.#parseDimension());
        return this.#node(token, { kind: 'By', dimensions });
      }
      case 'where':
        return this.#parseWhere();
      case 'segment': {
        this.#advance();
        const segments = this.#many(() => this.#parsePath());
        return this.#node(token, { kind: 'Segment', segments });
      }
      case 'during':
        return this.#parseDuring();
      case 'compare':
        return this.#parseCompare();
      case 'top':
        return this.#parseTop();
      case 'order':
        return this.#parseOrder();
      case 'limit':
      case 'offset':
        return this.#parseCount(keyword);
      case 'totals':
        this.#advance();
        return this.#node(token, { kind: 'Totals' });
      case 'rollup': {
        this.#advance();
        const columns = this.#many(() => this.#parsePath());
        return this.#node(token, { kind: 'Rollup', columns });
      }
      case 'with': {
        this.#advance();
        const bindings = this.#many(() => this.#parseBinding());
        return this.#node(token, { kind: 'With', bindings });
      }
    }
    if (token.kind === 'name') {
      this.#issues.push({
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
    return this.#fail(['clause']);
  }

  /** FromClause : `from` Name */
  #parseFrom(): ClauseNode {
    const start = this.#advance();
    const view = this.#parseName();
    return this.#node(start, { kind: 'From', view });
  }

  /** Dimension : Path ( `as` Name )? */
  #parseDimension(): DimensionNode {
    const start = this.#current();
    const path = this.#parsePath();
    const alias = this.#optionalKeyword('as') ? this.#parseName() : undefined;
    return alias
      ? this.#node(start, { kind: 'Dimension', path, alias })
      : this.#node(start, { kind: 'Dimension', path });
  }

  /** Binding : Name `=` ( Value | List | Range ) */
  #parseBinding(): BindingNode {
    const start = this.#current();
    const name = this.#parseName();
    this.#expect('punct', '=');
    const value = this.#peek('punct', '(')
      ? this.#parseValueList()
      : this.#atRangeStart()
        ? this.#parseRange()
        : this.#parseValue();
    return this.#node(start, { kind: 'Binding', name, value });
  }

  /** WhereClause : `where` Predicate */
  #parseWhere(): ClauseNode {
    const start = this.#advance();
    const predicate = this.#parsePredicate(1);
    return this.#node(start, { kind: 'Where', predicate });
  }

  /**
   * Predicate : Unary ( ( `or` | `and` ) Unary )*   — `and` binds tighter than `or`, both left-associative
   *
   * Precedence climbing: parse an operand, then fold in every operator at least as tight as `minPrecedence`,
   * parsing its right operand at the next level up.
   */
  #parsePredicate(minPrecedence: number): PredicateNode {
    const start = this.#current();
    let left = this.#parseUnary();
    for (;;) {
      const token = this.#current();
      const precedence = token.kind === 'name' ? PRECEDENCE[token.value] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.#advance();
      const right = this.#parsePredicate(precedence + 1);
      left = this.#node<PredicateNode>(start, {
        kind: 'Logical',
        operator: token.value as 'and' | 'or',
        left,
        right,
      });
    }
  }

  /** Unary : `not` Unary | `(` Predicate `)` | Test */
  #parseUnary(): PredicateNode {
    const start = this.#current();
    if (this.#peekKeyword('not') || this.#peek('punct', '(')) {
      if (++this.#depth > MAX_NESTING) {
        this.#issues.push({
          code: 'too-deep',
          loc: { start: start.start, end: start.end },
          args: { max: MAX_NESTING },
        });
        throw new ClauseError();
      }
      let result: PredicateNode;
      if (this.#optionalKeyword('not')) {
        result = this.#node(start, { kind: 'Not', operand: this.#parseUnary() });
      } else {
        this.#advance();
        result = this.#parsePredicate(1);
        this.#expect('punct', ')');
      }
      this.#depth--;
      return result;
    }
    return this.#parseTest();
  }

  /**
   * Test : Path ComparisonOperator Value
   *      | Path `not`? `in` ( List | Param )
   *      | Path `not`? `between` Value `and` Value
   *      | Path `not`? `like` Value
   *      | Path `is` `not`? `null`
   * ComparisonOperator : `=` | `!=` | `<>` | `<` | `<=` | `>` | `>=`
   */
  #parseTest(): PredicateNode {
    const start = this.#current();
    const subject = this.#parsePath();
    const token = this.#current();
    if (token.kind === 'punct' && COMPARISON_OPERATORS.has(token.value)) {
      this.#advance();
      const operator = (token.value === '<>' ? '!=' : token.value) as ComparisonOperator;
      const value = this.#parseValue();
      return this.#node(start, { kind: 'Comparison', subject, operator, value });
    }
    if (this.#optionalKeyword('is')) {
      const negated = this.#optionalKeyword('not');
      this.#expectKeyword('null');
      return this.#node(start, { kind: 'IsNull', subject, negated });
    }
    const negated = this.#optionalKeyword('not');
    if (this.#optionalKeyword('in')) {
      const values = this.#peek('param') ? this.#parseParam() : this.#parseValueList();
      return this.#node(start, { kind: 'In', subject, negated, values });
    }
    if (this.#optionalKeyword('between')) {
      const low = this.#parseValue();
      this.#expectKeyword('and');
      const high = this.#parseValue();
      return this.#node(start, { kind: 'Between', subject, negated, low, high });
    }
    if (this.#optionalKeyword('like')) {
      const pattern = this.#parseValue();
      return this.#node(start, { kind: 'Like', subject, negated, pattern });
    }
    return this.#fail(
      negated ? ['in', 'between', 'like'] : ['=', '!=', '<', '<=', '>', '>=', 'in', 'between', 'like', 'is'],
    );
  }

  /** List : `(` Value ( `,` Value )* `)` */
  #parseValueList(): ListNode {
    const start = this.#expect('punct', '(');
    const values = this.#many(() => this.#parseValue());
    this.#expect('punct', ')');
    return this.#node(start, { kind: 'List', values });
  }

  /**
   * Value : String | `-`? Number | Date | `true` | `false` | `null` | Param
   */
  #parseValue(): ValueNode {
    const token = this.#current();
    switch (token.kind) {
      case 'string':
        this.#advance();
        return this.#node(token, { kind: 'String', value: token.value });
      case 'number':
        return this.#parseNumber();
      case 'date':
        return this.#parseDate();
      case 'param':
        return this.#parseParam();
      case 'punct':
        if (token.value === '-') return this.#parseNumber();
        break;
      case 'name':
        if (token.value === 'true' || token.value === 'false') {
          this.#advance();
          return this.#node(token, { kind: 'Boolean', value: token.value === 'true' });
        }
        if (token.value === 'null') {
          this.#advance();
          return this.#node(token, { kind: 'Null' });
        }
        // A bare word where a value belongs is almost always a string missing its quotes.
        return this.#fail(['value'], ["'" + token.value + "'"]);
    }
    return this.#fail(['value']);
  }

  /** Number : `-`? NumberToken */
  #parseNumber(): NumberNode {
    const start = this.#current();
    const negative = this.#optional('punct', '-') !== undefined;
    const token = this.#expect('number');
    const value = Number(token.value);
    return this.#node(start, { kind: 'Number', value: negative ? -value : value });
  }

  /** Date : DateToken */
  #parseDate(): DateNode {
    const token = this.#expect('date');
    return this.#node(token, { kind: 'Date', value: token.value });
  }

  /** Param : `:` Name `?`? */
  #parseParam(): ParamNode {
    const token = this.#expect('param');
    return this.#node(token, { kind: 'Param', name: token.value, optional: token.optional === true });
  }

  /** DuringClause : `during` Range */
  #parseDuring(): ClauseNode {
    const start = this.#advance();
    return this.#node(start, { kind: 'During', range: this.#parseRange() });
  }

  /**
   * Range : `today` | `yesterday`
   *       | ( `this` | `next` ) Unit
   *       | `last` Unit
   *       | `last` Number Unit ( `including` `today` )?
   *       | Date `to` Date
   *       | Param
   */
  #parseRange(): RangeNode {
    const start = this.#current();
    if (start.kind === 'param') return this.#parseParam();
    if (start.kind === 'date') {
      const from = this.#parseDate();
      this.#expectKeyword('to');
      const to = this.#parseDate();
      return this.#node(start, { kind: 'AbsoluteRange', start: from, end: to });
    }
    if (this.#optionalKeyword('today') || this.#optionalKeyword('yesterday')) {
      return this.#node(start, { kind: 'DayRange', day: start.value as 'today' | 'yesterday' });
    }
    if (this.#optionalKeyword('this') || this.#optionalKeyword('next')) {
      const unit = this.#parseUnit();
      return this.#node(start, { kind: 'UnitRange', which: start.value as 'this' | 'next', unit });
    }
    if (this.#optionalKeyword('last')) {
      if (!this.#peek('number')) {
        return this.#node(start, { kind: 'UnitRange', which: 'last', unit: this.#parseUnit() });
      }
      const count = this.#parseNumber();
      const unit = this.#parseUnit();
      let includeToday = false;
      if (this.#optionalKeyword('including')) {
        this.#expectKeyword('today');
        includeToday = true;
      }
      return this.#node(start, { kind: 'LastNRange', count, unit, includeToday });
    }
    return this.#fail(['today', 'yesterday', 'this', 'last', 'next', 'date', 'param']);
  }

  /** Unit : `minute`(s) | `hour`(s) | `day`(s) | `week`(s) | `month`(s) | `quarter`(s) | `year`(s)
   *      | `academic_year`(s) | `semester`(s) | `teaching_week`(s) */
  #parseUnit(): UnitNode {
    const token = this.#current();
    const value = token.kind === 'name' ? unitOf(token.value) : undefined;
    if (value === undefined) {
      if (token.kind === 'name') {
        this.#issues.push({
          code: 'unknown-granularity',
          loc: { start: token.start, end: token.end },
          args: { text: token.value },
          near: { input: token.value, among: GRANULARITIES },
        });
        throw new ClauseError();
      }
      return this.#fail(['unit']);
    }
    this.#advance();
    return this.#node(token, { kind: 'Unit', value, text: token.value });
  }

  /** CompareClause : `compare` `previous` ( `period` | Unit ) */
  #parseCompare(): ClauseNode {
    const start = this.#advance();
    this.#expectKeyword('previous');
    const token = this.#current();
    const previous: CompareClause['previous'] =
      token.kind === 'name' && token.value === 'period' ? this.#parseName() : this.#parseUnit();
    return this.#node(start, { kind: 'Compare', previous });
  }

  /** TopClause : `top` Number `by` Path Direction? ( `per` Path )? `others`? */
  #parseTop(): ClauseNode {
    const start = this.#advance();
    const count = this.#parseNumber();
    this.#expectKeyword('by');
    const by = this.#parsePath();
    const direction = this.#parseDirection();
    const per = this.#optionalKeyword('per') ? this.#parsePath() : undefined;
    const others = this.#optionalKeyword('others');
    return this.#node(start, {
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
  #parseOrder(): ClauseNode {
    const start = this.#advance();
    this.#optionalKeyword('by');
    const items = this.#many((): OrderItemNode => {
      const itemStart = this.#current();
      const path = this.#parsePath();
      const direction = this.#parseDirection();
      return this.#node(itemStart, { kind: 'OrderItem', path, ...(direction && { direction }) });
    });
    return this.#node(start, { kind: 'Order', items });
  }

  /** Direction : `asc` | `desc` */
  #parseDirection(): Direction | undefined {
    if (this.#optionalKeyword('asc')) return 'asc';
    if (this.#optionalKeyword('desc')) return 'desc';
    return undefined;
  }

  /** LimitClause : `limit` Number
   *  OffsetClause : `offset` Number */
  #parseCount(keyword: 'limit' | 'offset'): ClauseNode {
    const start = this.#advance();
    const count = this.#parseNumber();
    return this.#node(start, { kind: keyword === 'limit' ? 'Limit' : 'Offset', count });
  }

  /** Path : Name ( `.` Name )* */
  #parsePath(): PathNode {
    const start = this.#current();
    const parts = [this.#parseName()];
    while (this.#optional('punct', '.')) parts.push(this.#parseName());
    return this.#node(start, { kind: 'Path', parts });
  }

  /** Name : NameToken | `` ` `` title `` ` `` */
  #parseName(): NameNode {
    const token = this.#current();
    if (token.kind !== 'name' && token.kind !== 'quoted') return this.#fail(['name']);
    this.#advance();
    return this.#node(token, { kind: 'Name', value: token.value, quoted: token.kind === 'quoted' });
  }

  // Helpers shared by every rule.

  /** The current token, counted as one step of work. */
  #current(): Token {
    this.steps++;
    return this.#tokens[this.#position] as Token;
  }

  /** True when the current token has this kind (and value). */
  #peek(kind: TokenKind, value?: string): boolean {
    const token = this.#current();
    return token.kind === kind && (value === undefined || token.value === value);
  }

  #peekKeyword(keyword: string): boolean {
    return this.#peek('name', keyword);
  }

  /** Consumes the current token and returns it. */
  #advance(): Token {
    const token = this.#current();
    if (token.kind !== 'eof') this.#position++;
    this.#previousEnd = token.end;
    return token;
  }

  /** Consumes the current token if it matches. */
  #optional(kind: TokenKind, value?: string): Token | undefined {
    return this.#peek(kind, value) ? this.#advance() : undefined;
  }

  #optionalKeyword(keyword: string): boolean {
    return this.#optional('name', keyword) !== undefined;
  }

  /** Consumes the current token, which must match; otherwise reports what was expected and unwinds. */
  #expect(kind: TokenKind, value?: string): Token {
    return this.#optional(kind, value) ?? this.#fail([value ?? kind]);
  }

  #expectKeyword(keyword: string): void {
    this.#expect('name', keyword);
  }

  /** Item ( `,` Item )* */
  #many<T>(parseItem: () => T): T[] {
    const items = [parseItem()];
    while (this.#optional('punct', ',')) items.push(parseItem());
    return items;
  }

  /** Finishes a node: its fields, and its location from `start` to the end of the last token read. */
  #node<T extends { loc: Loc }>(start: Token, fields: Fields<T>): T {
    // Completing the literal in place: copying it with a spread made parsing 2× slower.
    const node = fields as unknown as { loc: Loc };
    node.loc = { start: start.start, end: Math.max(start.end, this.#previousEnd) };
    return node as T;
  }

  /** Records an unexpected token and unwinds to the clause. */
  #fail(expected: string[], suggestions?: string[]): never {
    const token = this.#current();
    this.#issues.push({
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
  #missingSeparator(): void {
    const token = this.#current();
    if (token.kind !== 'name' || !isClauseKeyword(token.value)) this.#fail(['|', 'end']);
    this.#issues.push({
      code: 'unexpected-token',
      loc: { start: token.start, end: token.end },
      args: { found: describe(token), expected: '|' },
      suggestions: ['| ' + token.value],
    });
  }

  /** True at a line that starts with a clause keyword (an implicit separator). */
  #atClauseLine(): boolean {
    const token = this.#current();
    return token.newline && token.kind === 'name' && isClauseKeyword(token.value);
  }

  /** True when the next tokens start a date range rather than a value (in a `with` binding). */
  #atRangeStart(): boolean {
    const token = this.#current();
    if (token.kind === 'date') {
      const next = this.#tokens[this.#position + 1];
      return next?.kind === 'name' && next.value === 'to';
    }
    return token.kind === 'name' && ['today', 'yesterday', 'this', 'last', 'next'].includes(token.value);
  }

  /** Skips to the next clause separator after an error. */
  #synchronize(clauseStart: number): void {
    while (!this.#peek('eof') && !this.#peek('punct', '|')) {
      if (this.#position > clauseStart && this.#atClauseLine()) return;
      this.#advance();
    }
  }

  /** `from` first and once; single clauses once. */
  #checkClauseOrder(clauses: readonly ClauseNode[]): void {
    const seen = new Set<string>();
    const first = clauses[0];
    if (first?.kind !== 'From') {
      const loc = first?.loc ?? { start: 0, end: 0 };
      this.#issues.push({ code: 'missing-from', loc: { start: loc.start, end: loc.start }, args: {} });
    }
    for (const clause of clauses) {
      if (SINGLE_CLAUSES.has(clause.kind) && seen.has(clause.kind)) {
        this.#issues.push({
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
