import type { Messages } from './locales/en';

// Translation keys are checked at compile time against the English messages.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
