import { useStore } from 'zustand';
import { useI18n, useStores } from '../../app/AppContext';
import { Segmented } from '../../components/Segmented';
import { LANGUAGES, isLanguage, type Language } from '../../i18n/i18n';
import type { Theme } from '../../stores/settings-store';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

/** Language and theme, kept in this browser like the rep's views keep them. */
export function LanguageThemePicker({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  const settings = useStores().settings;
  const language = useStore(settings, (s) => s.language);
  const theme = useStore(settings, (s) => s.theme);
  return (
    <div className={compact ? 'form-inline picker-compact' : 'form'}>
      <label>
        {t('settings.language')}
        <select
          value={language}
          onChange={(e) => {
            if (isLanguage(e.target.value)) settings.getState().setLanguage(e.target.value);
          }}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <span className="field-label">{t('settings.theme')}</span>
        <Segmented<Theme>
          label={t('settings.theme')}
          value={theme}
          onChange={(v) => settings.getState().setTheme(v)}
          options={[
            { value: 'system', label: t('settings.themeSystem') },
            { value: 'light', label: t('settings.themeLight') },
            { value: 'dark', label: t('settings.themeDark') },
          ]}
        />
      </div>
    </div>
  );
}
