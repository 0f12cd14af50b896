/**
 * The locales the compiler can write diagnostics in. zh-CN is always loaded; English is a separate module so
 * that a page compiling zh-CN queries does not download it: load it once with `await loadLocale('en')`, or
 * pass its messages to {@link useLocale}.
 */

import type { Locale } from './catalog.js';
import type { LocaleMessages } from './diagnostic.js';
import { zhCN } from './locales/zh-CN.js';

const loaded = new Map<Locale, LocaleMessages>([['zh-CN', zhCN]]);

/** Makes a locale's messages available to {@link compile} and {@link parse}. */
export function useLocale(messages: LocaleMessages): void {
  loaded.set(messages.locale, messages);
}

/**
 * Loads a locale's messages (a separate chunk for `en`) so that `compile(text, catalog, { locale })` can use
 * them synchronously. Resolves at once for a locale already loaded.
 *
 * @example
 * await loadLocale('en');
 * compile(text, catalog, { locale: 'en' });
 */
export async function loadLocale(locale: Locale): Promise<void> {
  if (!loaded.has(locale)) useLocale((await import('./locales/en.js')).en);
}

/** The loaded messages of a locale; throws, saying how to load it, when it is not loaded. */
export function loadedLocale(locale: Locale): LocaleMessages {
  const messages = loaded.get(locale);
  if (messages) return messages;
  throw new Error(
    `@campus-cockpit/query: the '${locale}' messages are not loaded. Call \`await loadLocale('${locale}')\` once before compiling, or pass the messages to useLocale().`,
  );
}
