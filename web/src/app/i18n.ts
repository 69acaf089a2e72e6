/**
 * A tiny i18n: each module keeps a dictionary `{ key: [zh, en] }` and reads it with `useT(dict)`.
 * The language lives in localStorage `zs_lang`, is sent to the server as `Accept-Language`,
 * and switching it re-renders every component that reads it.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { Locale } from '../../../common/enums.ts';

/** A dictionary of UI texts: Chinese first, English second. */
export type Messages = Record<string, readonly [zh: string, en: string]>;

const STORAGE_KEY = 'zs_lang';
const listeners = new Set<() => void>();
let current: Locale = localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
document.documentElement.lang = current;

/** The current UI language, for code outside React (the API client). */
export function getLang(): Locale {
  return current;
}

/** Switches the UI language and remembers it. */
export function setLang(lang: Locale): void {
  current = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  listeners.forEach((notify) => notify());
}

function subscribe(notify: () => void): () => void {
  listeners.add(notify);
  return () => listeners.delete(notify);
}

/** The current UI language; re-renders on change. */
export function useLang(): Locale {
  return useSyncExternalStore(subscribe, getLang);
}

/** Picks the text of a `{ zh, en }` pair (enum names, module names from the server). */
export function pick(lang: Locale, text: { zh: string; en: string }): string {
  return lang === 'zh-CN' ? text.zh : text.en;
}

/** Replaces `{name}` placeholders. */
function format(text: string, vars?: Record<string, string | number>): string {
  return vars ? text.replace(/\{(\w+)\}/g, (all, name: string) => String(vars[name] ?? all)) : text;
}

/** Returns `t(key, vars?)` over the given dictionary, in the current language. */
export function useT<M extends Messages>(messages: M): (key: keyof M, vars?: Record<string, string | number>) => string {
  const lang = useLang();
  return useCallback((key: keyof M, vars?: Record<string, string | number>) => format(messages[key][lang === 'zh-CN' ? 0 : 1], vars), [lang, messages]);
}

/** Returns `pick` bound to the current language. */
export function usePick(): (text: { zh: string; en: string }) => string {
  const lang = useLang();
  return useCallback((text: { zh: string; en: string }) => pick(lang, text), [lang]);
}
