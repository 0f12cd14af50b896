/**
 * The message catalogue: every diagnostic's text in zh-CN and en, in one place, so the compiler, the IR
 * validator, the server and the tests all say the same thing. Templates use `{arg}` for an argument and
 * `{@arg}` for an argument that is itself a term to translate (a member kind, a value type, or
 * space-separated alternatives; an already quoted `'token'` is kept as is).
 */

import type { Locale } from './catalog.js';
import type { Loc } from './ast.js';
import type { Diagnostic, DiagnosticCode, Severity } from './problem.js';
import { spanAt, type Source } from './source.js';

/** Message keys: every diagnostic code, plus variants for codes with more than one wording. */
export type MessageKey =
  DiagnosticCode | 'range-reversed' | 'ir-expected' | 'ir-unknown-field' | 'ir-missing-field' | 'ir-one-of';

/** Arguments interpolated into a template. */
export type MessageArgs = Readonly<Record<string, string | number>>;

const EN: Record<MessageKey, string> = {
  'unexpected-character': 'Unexpected character {text}.',
  'unterminated-string': 'The string {text} is not closed.',
  'unterminated-name': 'The backtick name {text} is not closed.',
  'unexpected-token': 'Expected {@expected}, found {@found}.',
  'unknown-clause': "Unknown clause '{text}'.",
  'duplicate-clause': "The '{clause}' clause appears more than once.",
  'missing-from': "A query starts with 'from <view>'.",
  'invalid-number': '{text} is not an integer from {min} to {max}.',
  'invalid-date': "'{text}' is not a valid date.",
  'range-reversed': 'The range {text} ends before it starts.',
  'too-deep': 'Conditions are nested more than {max} levels deep.',
  'unknown-view': "Unknown view '{name}'.",
  'unknown-member': "Unknown {@kind} '{name}' in view '{view}'.",
  'unknown-attribute': "Dimension '{member}' has no attribute '{name}'.",
  'unknown-param': "Unknown parameter '{name}'.",
  'unknown-granularity': "Unknown time unit '{text}'.",
  'unknown-value': "'{value}' is not a known value of '{member}'.",
  'not-a-measure': "'{name}' is a {@actual}, not a measure.",
  'not-a-dimension': "'{name}' is a {@actual}, not a dimension.",
  'not-a-segment': "'{name}' is a {@actual}, not a segment.",
  'not-a-time-dimension': "'{name}' is not a time dimension.",
  'granularity-not-supported': "'{member}' cannot be grouped by {name}.",
  'granularity-required': "Time dimension '{member}' needs a granularity.",
  'granularity-not-allowed': "'{member}' is not a time dimension and takes no granularity.",
  'wrong-view': "'{name}' is not in view '{view}'.",
  'type-mismatch': "'{member}' is {@expected}; {value} is not.",
  'operator-not-applicable': "'{operator}' does not apply to '{member}' ({@type}).",
  'wrong-arity': "'{operator}' takes {expected} value(s), not {found}.",
  'mixed-filter': "One 'or' or 'not' mixes dimension and measure conditions.",
  'unbound-param': "Parameter ':{name}' has no value.",
  'unused-param': "Parameter '{name}' is bound but not used.",
  'param-type-conflict': "Parameter ':{name}' is used as {@first} and as {@second}.",
  'duplicate-column': "Column '{name}' appears twice.",
  'unknown-column': "'{name}' is not a column of this query.",
  'rollup-order': "Rollup column '{name}' must be in 'by', in the same order.",
  'no-time-dimension': "View '{view}' has no time dimension for 'during'.",
  'compare-needs-during': "'compare' needs a 'during' range.",
  'calendar-missing': "'{name}' needs an academic calendar; the catalog has none.",
  'empty-query': 'The query selects nothing.',
  'invalid-ir': 'Invalid query.',
  'ir-expected': 'Expected {@expected}.',
  'ir-unknown-field': "Unknown field '{name}'.",
  'ir-missing-field': "Missing field '{name}'.",
  'ir-one-of': 'Expected one of: {options}.',
  'unsupported-version': 'IR version {version} is not supported; expected 1.',
  'ir-too-large': 'Too large: more than {max} {@what}.',
  unauthorized: 'Sign in to read this data.',
  'forbidden-member': "You may not read '{name}'.",
  'not-found': 'Not found.',
  'rate-limited': 'Too many requests; retry in {seconds} s.',
  'query-timeout': 'The query took longer than {seconds} s.',
  'query-cancelled': 'The query was cancelled.',
  'engine-error': 'The database failed to run the query.',
  'internal-error': 'Internal error.',
};

const ZH: Record<MessageKey, string> = {
  'unexpected-character': '无法识别的字符 {text}。',
  'unterminated-string': '字符串 {text} 缺少结尾的引号。',
  'unterminated-name': '反引号名称 {text} 缺少结尾的反引号。',
  'unexpected-token': '此处应为{@expected}，实际为{@found}。',
  'unknown-clause': '未知子句“{text}”。',
  'duplicate-clause': '子句“{clause}”出现了多次。',
  'missing-from': '查询应以“from <视图>”开头。',
  'invalid-number': '{text} 不是 {min} 到 {max} 之间的整数。',
  'invalid-date': '“{text}”不是有效日期。',
  'range-reversed': '日期范围 {text} 的结束早于开始。',
  'too-deep': '条件嵌套超过 {max} 层。',
  'unknown-view': '未知视图“{name}”。',
  'unknown-member': '视图“{view}”中没有{@kind}“{name}”。',
  'unknown-attribute': '维度“{member}”没有属性“{name}”。',
  'unknown-param': '未知参数“{name}”。',
  'unknown-granularity': '未知时间单位“{text}”。',
  'unknown-value': '“{value}”不是“{member}”的已知取值。',
  'not-a-measure': '“{name}”是{@actual}，不是度量。',
  'not-a-dimension': '“{name}”是{@actual}，不是维度。',
  'not-a-segment': '“{name}”是{@actual}，不是预设筛选。',
  'not-a-time-dimension': '“{name}”不是时间维度。',
  'granularity-not-supported': '“{member}”不支持按 {name} 分组。',
  'granularity-required': '时间维度“{member}”需要指定粒度。',
  'granularity-not-allowed': '“{member}”不是时间维度，不能指定粒度。',
  'wrong-view': '“{name}”不在视图“{view}”中。',
  'type-mismatch': '“{member}”是{@expected}，{value} 不是。',
  'operator-not-applicable': '“{operator}”不适用于“{member}”（{@type}）。',
  'wrong-arity': '“{operator}”需要 {expected} 个值，实际为 {found} 个。',
  'mixed-filter': '同一个 or 或 not 中混用了维度条件和度量条件。',
  'unbound-param': '参数“:{name}”没有取值。',
  'unused-param': '参数“{name}”已赋值但未使用。',
  'param-type-conflict': '参数“:{name}”既用作{@first}又用作{@second}。',
  'duplicate-column': '列“{name}”出现了两次。',
  'unknown-column': '“{name}”不是本查询的列。',
  'rollup-order': '小计列“{name}”必须出现在 by 中，且顺序一致。',
  'no-time-dimension': '视图“{view}”没有可用于 during 的时间维度。',
  'compare-needs-during': 'compare 需要配合 during 时间范围使用。',
  'calendar-missing': '“{name}”需要校历，但目录中没有校历。',
  'empty-query': '查询没有选择任何内容。',
  'invalid-ir': '查询无效。',
  'ir-expected': '此处应为{@expected}。',
  'ir-unknown-field': '未知字段“{name}”。',
  'ir-missing-field': '缺少字段“{name}”。',
  'ir-one-of': '取值应为以下之一：{options}。',
  'unsupported-version': '不支持 IR 版本 {version}，应为 1。',
  'ir-too-large': '超出上限：{@what}超过 {max}。',
  unauthorized: '请登录后查看此数据。',
  'forbidden-member': '无权读取“{name}”。',
  'not-found': '未找到。',
  'rate-limited': '请求过于频繁，请 {seconds} 秒后重试。',
  'query-timeout': '查询超过 {seconds} 秒未完成。',
  'query-cancelled': '查询已取消。',
  'engine-error': '数据库执行查询失败。',
  'internal-error': '内部错误。',
};

/** Hints: how to fix. Keyed by message key; `did-you-mean` is used whenever there are suggestions. */
export type HintKey = 'did-you-mean' | MessageKey;

const EN_HINTS: Partial<Record<HintKey, string>> = {
  'did-you-mean': 'Did you mean {suggestions}?',
  'unexpected-character': 'Strings use single quotes; titles go between backticks, e.g. `学院`.',
  'unterminated-string': "Close it with ' on the same line; write '' for a quote inside.",
  'unterminated-name': 'Close it with ` on the same line.',
  'unknown-clause': 'Clauses: {clauses}.',
  'duplicate-clause': 'Keep one.',
  'missing-from': 'For example: from students | measure headcount',
  'range-reversed': 'Swap the two dates.',
  'unknown-view': 'Views: {views}.',
  'granularity-not-supported': 'Supported: {supported}.',
  'granularity-required': 'For example: {member}.{example}',
  'mixed-filter':
    "Measure conditions filter groups, dimension conditions filter rows: join them only with 'and'.",
  'unbound-param': 'Bind it with "with {name} = …", or write :{name}? to drop the condition when unbound.',
  'duplicate-column': "Give one of them another name with 'as'.",
  'unknown-column': "Add it to 'measure' or 'by' first.",
  'no-time-dimension': 'Group by a time dimension, e.g. by ts.day.',
  'compare-needs-during': 'For example: during last 30 days | compare previous period',
  'empty-query': "Add 'measure' or 'by'.",
};

const ZH_HINTS: Partial<Record<HintKey, string>> = {
  'did-you-mean': '是否要写 {suggestions}？',
  'unexpected-character': '字符串用单引号；中文标题请用反引号括起，如 `学院`。',
  'unterminated-string': "请在同一行用 ' 结束；字符串内的单引号写作 ''。",
  'unterminated-name': '请在同一行用 ` 结束。',
  'unknown-clause': '可用子句：{clauses}。',
  'duplicate-clause': '请只保留一个。',
  'missing-from': '例如：from students | measure headcount',
  'range-reversed': '请交换两个日期。',
  'unknown-view': '可用视图：{views}。',
  'granularity-not-supported': '支持的粒度：{supported}。',
  'granularity-required': '例如：{member}.{example}',
  'mixed-filter': '度量条件筛选分组，维度条件筛选行：两者之间只能用 and 连接。',
  'unbound-param': '用“with {name} = …”赋值，或写成 :{name}? 使未赋值时忽略该条件。',
  'duplicate-column': '用 as 给其中一个另起名字。',
  'unknown-column': '请先把它加入 measure 或 by。',
  'no-time-dimension': '请按时间维度分组，如 by ts.day。',
  'compare-needs-during': '例如：during last 30 days | compare previous period',
  'empty-query': '请添加 measure 或 by。',
};

/** Words that stand for themselves in arguments: member kinds, value types, token categories. */
const TERMS: Record<Locale, Readonly<Record<string, string>>> = {
  en: {
    measure: 'measure',
    dimension: 'dimension',
    segment: 'segment',
    member: 'member',
    view: 'view',
    string: 'text',
    number: 'a number',
    boolean: 'true or false',
    time: 'a date or time',
    range: 'a date range',
    name: 'a name',
    value: 'a value',
    date: 'a date (YYYY-MM-DD)',
    unit: 'a time unit',
    param: 'a :parameter',
    clause: 'a clause',
    end: 'the end of the query',
    '': 'the end of the query',
    object: 'an object',
    array: 'a list',
    integer: 'an integer',
    depth: 'levels of nesting',
    nodes: 'conditions',
    values: 'values',
    columns: 'columns',
    queries: 'queries',
    params: 'parameters',
    characters: 'characters',
  },
  'zh-CN': {
    measure: '度量',
    dimension: '维度',
    segment: '预设筛选',
    member: '成员',
    view: '视图',
    string: '文本',
    number: '数字',
    boolean: '布尔值',
    time: '日期时间',
    range: '日期范围',
    name: '名称',
    value: '值',
    date: '日期（YYYY-MM-DD）',
    unit: '时间单位',
    param: ':参数',
    clause: '子句',
    end: '查询结尾',
    '': '查询结尾',
    object: '对象',
    array: '列表',
    integer: '整数',
    depth: '嵌套层数',
    nodes: '条件数',
    values: '取值个数',
    columns: '列数',
    queries: '查询数',
    params: '参数个数',
    characters: '字符数',
  },
};

const CATALOGUES: Record<
  Locale,
  { messages: Record<MessageKey, string>; hints: Partial<Record<HintKey, string>> }
> = {
  en: { messages: EN, hints: EN_HINTS },
  'zh-CN': { messages: ZH, hints: ZH_HINTS },
};

function term(value: string, locale: Locale): string {
  return value
    .split(' ')
    .map((part) => (part.startsWith("'") ? part : (TERMS[locale][part] ?? `'${part}'`)))
    .join(locale === 'en' ? ' or ' : '或');
}

function fill(template: string, args: MessageArgs, locale: Locale): string {
  return template.replace(/\{(@?)(\w+)\}/g, (_, translate: string, name: string) => {
    const value = String(args[name] ?? '');
    return translate ? term(value, locale) : value;
  });
}

/** The message for a key, in a locale. Tests compare diagnostics against this. */
export function message(key: MessageKey, args: MessageArgs = {}, locale: Locale = 'zh-CN'): string {
  return fill(CATALOGUES[locale].messages[key], args, locale);
}

/** The hint for a key, in a locale, or undefined when the key has none. */
export function hint(key: HintKey, args: MessageArgs = {}, locale: Locale = 'zh-CN'): string | undefined {
  const template = CATALOGUES[locale].hints[key];
  return template === undefined ? undefined : fill(template, args, locale);
}

/**
 * A diagnostic before formatting: code, message key and arguments, and where (a text `loc` or an IR
 * `path`). The compiler and validator produce issues; {@link toDiagnostic} turns them into the wire form in
 * the caller's locale.
 */
export interface Issue {
  code: DiagnosticCode;
  /** Defaults to `error`. */
  severity?: Severity;
  /** Message variant; defaults to `code`. */
  key?: MessageKey;
  args: MessageArgs;
  loc?: Loc;
  path?: string;
  /** Replacement text, best first. */
  suggestions?: readonly string[] | undefined;
  /** How suggestions are shown in the hint (e.g. `college（学院）`); defaults to the suggestions. */
  labels?: readonly string[];
}

/** Formats an issue in a locale, with its span when a source is given. */
export function toDiagnostic(issue: Issue, locale: Locale, source?: Source): Diagnostic {
  const key = issue.key ?? issue.code;
  const diagnostic: Diagnostic = {
    code: issue.code,
    severity: issue.severity ?? 'error',
    message: message(key, issue.args, locale),
  };
  if (issue.loc && source) diagnostic.span = spanAt(source, issue.loc.start, issue.loc.end);
  if (issue.path !== undefined) diagnostic.path = issue.path;
  const suggestions = issue.suggestions;
  if (suggestions?.length) {
    diagnostic.suggestions = [...suggestions];
    // Labels read `college（学院）`; English text gets ASCII parentheses and quotes.
    const labels = (issue.labels ?? suggestions).map((label) =>
      /^(['`]|-?\d)/.test(label)
        ? label
        : locale === 'en'
          ? `'${label.replace('（', ' (').replace('）', ')')}'`
          : `“${label}”`,
    );
    diagnostic.hint = hint(
      'did-you-mean',
      { suggestions: labels.join(locale === 'en' ? ', ' : '、') },
      locale,
    );
  } else {
    const text = hint(key, issue.args, locale);
    if (text !== undefined) diagnostic.hint = text;
  }
  return diagnostic;
}
