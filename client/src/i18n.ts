import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

export const LANGUAGES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

const LANGUAGE_KEY = 'commonweal.lang';

function isLanguage(value: string | null | undefined): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

/** The remembered choice, else the browser's language: Chinese for any zh-*, English otherwise. */
export function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(LANGUAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // no storage: fall through to the browser's language
  }
  const preferred = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  const first = preferred.find(Boolean) ?? 'en';
  return first.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // not remembered, still switched
  }
  void i18next.changeLanguage(language);
}

/**
 * What the browser test (tests/e2e/languages.test.ts) reads from the page: the keys asked for that no
 * language has (they would show as "feature.someKey"), and the messages of both languages.
 */
export interface I18nProbe {
  missingKeys: string[];
  resources: Record<Language, object>;
}

declare global {
  interface Window {
    commonwealI18n?: I18nProbe;
  }
}

const missingKeys: string[] = [];

function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  document.title = i18next.t('app.name');
}

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: {
      en: { translation: en },
      'zh-CN': { translation: zhCN },
    },
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: LANGUAGES.map((l) => l.code),
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    // Report every key that resolves in no language (not even the English fallback).
    saveMissing: true,
    missingKeyHandler: (_languages, _namespace, key) => {
      if (!missingKeys.includes(key)) missingKeys.push(key);
      console.warn(`[i18n] missing translation key: ${key}`);
    },
  });
  window.commonwealI18n = { missingKeys, resources: { en, 'zh-CN': zhCN } };
  applyToDocument(i18next.language);
  i18next.on('languageChanged', applyToDocument);
  return i18next;
}
