import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A search box whose text is applied on Enter (or cleared at once); it follows the route when that changes. */
function TextFilter({ value, label, placeholder, width, onApply }: { readonly value: string | undefined; readonly label: string; readonly placeholder: string; readonly width: number; readonly onApply: (v: string | undefined) => void }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Input.Search
      allowClear
      aria-label={label}
      placeholder={placeholder}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value && value) onApply(undefined);
      }}
      onSearch={(v) => onApply(v.trim() || undefined)}
      style={{ width }}
    />
  );
}

/** The Instances page's text filters: part of a task's name, part of a command (both case-insensitive, matched on the server). */
export function RunTextFilters({ task, command, onChange }: { readonly task: string | undefined; readonly command: string | undefined; readonly onChange: (patch: { task?: string; command?: string }) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <TextFilter value={task} label={t('instances.runs.taskFilter')} placeholder={t('instances.runs.taskPlaceholder')} width={170} onApply={(v) => onChange({ task: v })} />
      <TextFilter value={command} label={t('instances.runs.commandFilter')} placeholder={t('instances.runs.commandPlaceholder')} width={200} onApply={(v) => onChange({ command: v })} />
    </>
  );
}
