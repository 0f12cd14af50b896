/**
 * The printer: syntax tree → canonical query text, one line, clauses joined by ` | `. Parsing the printed
 * text gives back the same tree (up to locations): parentheses are printed exactly where precedence needs
 * them, and strings and titles are quoted so they read back unchanged.
 */

import type { ClauseNode, NameNode, PathNode, PredicateNode, RangeNode, ValueNode, ListNode } from './ast.js';
import type { QueryNode } from './ast.js';

/** Prints a query as canonical text. */
export function print(query: QueryNode): string {
  return query.clauses.map(printClause).join(' | ');
}

function printClause(clause: ClauseNode): string {
  switch (clause.kind) {
    case 'From':
      return `from ${printName(clause.view)}`;
    case 'Measure':
      return `measure ${clause.measures.map(printPath).join(', ')}`;
    case 'By':
      return `by ${clause.dimensions
        .map((d) => printPath(d.path) + (d.alias ? ` as ${printName(d.alias)}` : ''))
        .join(', ')}`;
    case 'Where':
      return `where ${printPredicate(clause.predicate, 0)}`;
    case 'Segment':
      return `segment ${clause.segments.map(printPath).join(', ')}`;
    case 'During':
      return `during ${printRange(clause.range)}`;
    case 'Compare':
      return `compare previous ${clause.previous.kind === 'Unit' ? clause.previous.text : clause.previous.value}`;
    case 'Top':
      return [
        `top ${printNumber(clause.count.value)} by ${printPath(clause.by)}`,
        clause.direction,
        clause.per && `per ${printPath(clause.per)}`,
        clause.others && 'others',
      ]
        .filter(Boolean)
        .join(' ');
    case 'Order':
      return `order ${clause.items.map((item) => printPath(item.path) + (item.direction ? ` ${item.direction}` : '')).join(', ')}`;
    case 'Limit':
      return `limit ${printNumber(clause.count.value)}`;
    case 'Offset':
      return `offset ${printNumber(clause.count.value)}`;
    case 'Totals':
      return 'totals';
    case 'Rollup':
      return `rollup ${clause.columns.map(printPath).join(', ')}`;
    case 'With':
      return `with ${clause.bindings
        .map((b) => {
          const value = b.value;
          const text =
            value.kind === 'List'
              ? printList(value)
              : value.kind === 'DayRange' ||
                  value.kind === 'UnitRange' ||
                  value.kind === 'LastNRange' ||
                  value.kind === 'AbsoluteRange'
                ? printRange(value)
                : printValue(value);
          return `${printName(b.name)} = ${text}`;
        })
        .join(', ')}`;
  }
}

/** Binding strength of a predicate's top operator: `or` 1, `and` 2, anything else binds tighter. */
function strength(node: PredicateNode): number {
  return node.kind === 'Logical' ? (node.operator === 'or' ? 1 : 2) : 3;
}

/**
 * Prints a predicate, parenthesized when its operator binds looser than its context needs. `and`/`or` are
 * left-associative, so a right operand of the same operator is parenthesized to keep the tree's shape.
 */
function printPredicate(node: PredicateNode, context: number): string {
  let text: string;
  switch (node.kind) {
    case 'Logical': {
      // A left-deep chain (`a and b and c`) is printed with a loop, not recursion, however long it is.
      const own = strength(node);
      const rights: PredicateNode[] = [];
      let left: PredicateNode = node;
      while (left.kind === 'Logical' && left.operator === node.operator) {
        rights.push(left.right);
        left = left.left;
      }
      text = printPredicate(left, own);
      for (let i = rights.length - 1; i >= 0; i--) {
        text += ` ${node.operator} ${printPredicate(rights[i] as PredicateNode, own + 1)}`;
      }
      break;
    }
    case 'Not':
      text = `not ${printPredicate(node.operand, 3)}`;
      break;
    case 'Comparison':
      text = `${printPath(node.subject)} ${node.operator} ${printValue(node.value)}`;
      break;
    case 'In':
      text = `${printPath(node.subject)}${node.negated ? ' not' : ''} in ${node.values.kind === 'List' ? printList(node.values) : printValue(node.values)}`;
      break;
    case 'Between':
      text = `${printPath(node.subject)}${node.negated ? ' not' : ''} between ${printValue(node.low)} and ${printValue(node.high)}`;
      break;
    case 'Like':
      text = `${printPath(node.subject)}${node.negated ? ' not' : ''} like ${printValue(node.pattern)}`;
      break;
    case 'IsNull':
      text = `${printPath(node.subject)} is ${node.negated ? 'not ' : ''}null`;
      break;
  }
  return strength(node) < context ? `(${text})` : text;
}

function printRange(range: RangeNode): string {
  switch (range.kind) {
    case 'Param':
      return printValue(range);
    case 'DayRange':
      return range.day;
    case 'UnitRange':
      return `${range.which} ${range.unit.text}`;
    case 'LastNRange':
      return `last ${printNumber(range.count.value)} ${range.unit.text}${range.includeToday ? ' including today' : ''}`;
    case 'AbsoluteRange':
      return `${range.start.value} to ${range.end.value}`;
  }
}

function printList(list: ListNode): string {
  return `(${list.values.map(printValue).join(', ')})`;
}

function printValue(value: ValueNode): string {
  switch (value.kind) {
    case 'String':
      return `'${value.value.replaceAll("'", "''")}'`;
    case 'Number':
      return printNumber(value.value);
    case 'Date':
      return value.value;
    case 'Boolean':
      return String(value.value);
    case 'Null':
      return 'null';
    case 'Param':
      return `:${value.name}${value.optional ? '?' : ''}`;
  }
}

/** Numbers as the lexer reads them: no exponent, a leading `-` for negatives. */
function printNumber(value: number): string {
  if (Object.is(value, -0)) return '-0';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/0+$/, '') : text;
}

function printPath(path: PathNode): string {
  return path.parts.map(printName).join('.');
}

function printName(name: NameNode): string {
  return name.quoted ? '`' + name.value + '`' : name.value;
}
