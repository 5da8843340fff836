import { Select } from 'antd';
import { languageNames, languages, type Language } from '../../i18n/language';
import { useTranslation } from 'react-i18next';

/** The language picker of the first-run form, the sign-in form and Settings: each language named in itself. */
export function LanguageSelect({ value, onChange, id }: { readonly value: Language; readonly onChange: (language: Language) => void; readonly id?: string }) {
  const { t } = useTranslation();
  return (
    <Select<Language>
      id={id}
      aria-label={t('settings.display.language')}
      value={value}
      onChange={onChange}
      style={{ minWidth: 160 }}
      options={languages.map((l) => ({ value: l, label: languageNames[l] }))}
    />
  );
}
