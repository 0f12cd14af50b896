/**
 * The message catalogue: every diagnostic's text in zh-CN and en (`locales/`), in one place, so the compiler,
 * the IR validator, the server and the tests all say the same thing. This module holds both locales at once,
 * for servers and tests; the compiler loads only the locales a page asks for (see `locale-registry.ts`).
 */

import type { Locale } from './catalog.js';
import {
  fill,
  withService,
  type HintKey,
  type LocaleMessages,
  type MessageArgs,
  type MessageKey,
} from './diagnostic.js';
import { enService } from './locales/en-service.js';
import { en } from './locales/en.js';
import { zhCNService } from './locales/zh-CN-service.js';
import { zhCN } from './locales/zh-CN.js';

export type { HintKey, LocaleMessages, MessageArgs, MessageKey, ServiceMessageKey } from './diagnostic.js';

/** Both locales' messages, service messages included; `en` and `zh-CN` are the only locales. */
export const localeMessages: Readonly<Record<Locale, LocaleMessages>> = {
  en: withService(en, enService),
  'zh-CN': withService(zhCN, zhCNService),
};

/** The message for a key, in a locale. Tests compare diagnostics against this. */
export function message(key: MessageKey, args: MessageArgs = {}, locale: Locale = 'zh-CN'): string {
  const texts = localeMessages[locale];
  return fill(texts.messages[key] as string, args, texts);
}

/** The hint for a key, in a locale, or undefined when the key has none. */
export function hint(key: HintKey, args: MessageArgs = {}, locale: Locale = 'zh-CN'): string | undefined {
  const texts = localeMessages[locale];
  const template = texts.hints[key];
  return template === undefined ? undefined : fill(template, args, texts);
}
