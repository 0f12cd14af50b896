/**
 * Issues → diagnostics: a diagnostic's text comes from a locale's messages ({@link LocaleMessages}), where
 * templates use `{arg}` for an argument and `{@arg}` for an argument that is itself a term to translate (a
 * member kind, a value type, or space-separated alternatives; an already quoted `'token'` is kept as is).
 */

import type { Loc } from './ast.js';
import type { Locale, Named } from './catalog.js';
import { label } from './lookup.js';
import type { Diagnostic, DiagnosticCode, Severity } from './problem.js';
import { spanAt, type Source } from './source.js';
import { closest, closestEntries } from './suggest.js';

/** Message keys: every diagnostic code, plus variants for codes with more than one wording. */
export type MessageKey =
  DiagnosticCode | 'range-reversed' | 'ir-expected' | 'ir-unknown-field' | 'ir-missing-field' | 'ir-one-of';

/** Hints: how to fix. Keyed by message key; `did-you-mean` is used whenever there are suggestions. */
export type HintKey = 'did-you-mean' | MessageKey;

/** Arguments interpolated into a template. */
export type MessageArgs = Readonly<Record<string, string | number>>;

/** Messages only the IR validator and the server produce; the text compiler never does. */
export type ServiceMessageKey =
  | 'invalid-ir'
  | 'ir-expected'
  | 'ir-unknown-field'
  | 'ir-missing-field'
  | 'ir-one-of'
  | 'unsupported-version'
  | 'unbound-param'
  | 'unauthorized'
  | 'forbidden-member'
  | 'not-found'
  | 'rate-limited'
  | 'query-timeout'
  | 'query-cancelled'
  | 'engine-error'
  | 'internal-error';

/**
 * Every text of one locale the compiler needs: messages, hints, and the words that stand for themselves in
 * arguments. The validator and the server add the {@link ServiceMessages} (see {@link withService}).
 */
export interface LocaleMessages {
  readonly locale: Locale;
  readonly messages: Readonly<Record<Exclude<MessageKey, ServiceMessageKey>, string>> &
    Readonly<Partial<Record<ServiceMessageKey, string>>>;
  readonly hints: Readonly<Partial<Record<HintKey, string>>>;
  /** Member kinds, value types and token categories, e.g. `measure` → `度量`. */
  readonly terms: Readonly<Record<string, string>>;
}

/** The texts of one locale that only the IR validator and the server use. */
export interface ServiceMessages {
  readonly messages: Readonly<Record<ServiceMessageKey, string>>;
  readonly hints: Readonly<Partial<Record<HintKey, string>>>;
  readonly terms: Readonly<Record<string, string>>;
}

/** A locale's compiler texts together with its service texts: every message key has a text. */
export function withService(texts: LocaleMessages, service: ServiceMessages): LocaleMessages {
  return {
    locale: texts.locale,
    messages: { ...texts.messages, ...service.messages },
    hints: { ...texts.hints, ...service.hints },
    terms: { ...texts.terms, ...service.terms },
  };
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
  /** A did-you-mean worked out only when the issue is worded (see {@link Near}). */
  near?: Near;
}

/**
 * A did-you-mean left for wording time: the candidates of `among` closest to `input` become the issue's
 * suggestions. Finding issues therefore needs no edit distances, and a page whose queries are right never
 * loads them.
 */
export interface Near {
  readonly input: string;
  /** Words, or catalog entries (matched on every spelling: name, titles, aliases, pinyin). */
  readonly among: readonly string[] | readonly Named[];
  /** Put before each suggestion and label, e.g. `students.` for a member of the view `students`. */
  readonly prefix?: string;
  /** A candidate that stands for another word, e.g. SQL's `group` for `by`: the other word is suggested. */
  readonly instead?: Readonly<Record<string, string>>;
}

/** The suggestions (and their labels) of an issue, its {@link Near} worked out. */
function suggestionsOf(issue: Issue): Pick<Issue, 'suggestions' | 'labels'> {
  const near = issue.near;
  if (!near || issue.suggestions) return issue;
  const { input, among, prefix = '', instead = {} } = near;
  if (typeof among[0] === 'string') {
    const words = closest(input, among as readonly string[])?.map((word) => prefix + (instead[word] ?? word));
    return { suggestions: words && [...new Set(words)] };
  }
  const entries = closestEntries(input, among as readonly Named[]);
  return {
    suggestions: entries.map((entry) => prefix + entry.name),
    labels: entries.map((entry) => prefix + label(entry)),
  };
}

const isEnglish = (texts: LocaleMessages): boolean => texts.locale === 'en';

function term(value: string, texts: LocaleMessages): string {
  return value
    .split(' ')
    .map((part) => (part.startsWith("'") ? part : (texts.terms[part] ?? `'${part}'`)))
    .join(isEnglish(texts) ? ' or ' : '或');
}

/** Fills a template's `{arg}` and `{@arg}` placeholders. */
export function fill(template: string, args: MessageArgs, texts: LocaleMessages): string {
  return template.replace(/\{(@?)(\w+)\}/g, (_, translate: string, name: string) => {
    const value = String(args[name] ?? '');
    return translate ? term(value, texts) : value;
  });
}

function hintText(key: HintKey, args: MessageArgs, texts: LocaleMessages): string | undefined {
  const template = texts.hints[key];
  return template === undefined ? undefined : fill(template, args, texts);
}

/** Formats an issue in a locale, with its span when a source is given. */
export function toDiagnostic(issue: Issue, texts: LocaleMessages, source?: Source): Diagnostic {
  const key = issue.key ?? issue.code;
  const diagnostic: Diagnostic = {
    code: issue.code,
    severity: issue.severity ?? 'error',
    // A service-only key cannot come from the compiler; its code stands in should one ever slip through.
    message: fill(texts.messages[key] ?? key, issue.args, texts),
  };
  if (issue.loc && source) diagnostic.span = spanAt(source, issue.loc.start, issue.loc.end);
  if (issue.path !== undefined) diagnostic.path = issue.path;
  const { suggestions, labels } = suggestionsOf(issue);
  const english = isEnglish(texts);
  const text = suggestions?.length
    ? hintText(
        'did-you-mean',
        {
          // Labels read `college（学院）`; English text gets ASCII parentheses and quotes.
          suggestions: (labels ?? suggestions)
            .map((label) =>
              /^(['`]|-?\d)/.test(label)
                ? label
                : english
                  ? `'${label.replace('（', ' (').replace('）', ')')}'`
                  : `“${label}”`,
            )
            .join(english ? ', ' : '、'),
        },
        texts,
      )
    : hintText(key, issue.args, texts);
  if (suggestions?.length) diagnostic.suggestions = [...suggestions];
  if (text !== undefined) diagnostic.hint = text;
  return diagnostic;
}
