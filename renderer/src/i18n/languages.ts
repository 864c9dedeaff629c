import type { Language } from '../../../shared/domain/app.ts';

export type UiLanguage = Exclude<Language, 'system'>;

/** The OS/browser language: Chinese of any region gets Simplified Chinese (the platform's users write it). */
export function detectLanguage(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function resolveLanguage(setting: Language, preferred: readonly string[]): UiLanguage {
  return setting === 'system' ? detectLanguage(preferred) : setting;
}
