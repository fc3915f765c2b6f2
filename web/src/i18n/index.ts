import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import commonJa from './common.ja.json';
import commonEn from './common.en.json';

// Each feature keeps its texts beside it (features/<name>/messages.<lang>.json) under its own top-level key, so that
// one screen's words are found in one place; this gathers them into one resource per language.
type Messages = Record<string, unknown>;
function gather(files: Record<string, unknown>): Messages {
  const merged: Messages = {};
  for (const [path, module] of Object.entries(files)) {
    const feature = /features\/([^/]+)\//.exec(path)?.[1];
    if (feature) merged[feature] = (module as { default: Messages }).default;
  }
  return merged;
}

const featuresJa = gather(import.meta.glob('../features/*/messages.ja.json', { eager: true }));
const featuresEn = gather(import.meta.glob('../features/*/messages.en.json', { eager: true }));

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'kyoso.language';

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

void i18n.use(initReactI18next).init({
  resources: {
    ja: { translation: { ...commonJa, ...featuresJa } },
    en: { translation: { ...commonEn, ...featuresEn } },
  },
  lng: storedLanguage(),
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
  returnNull: false,
});

function applyToDocument(language: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);

export function switchLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18n.changeLanguage(language);
}

export default i18n;
