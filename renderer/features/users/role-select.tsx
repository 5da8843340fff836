import { Select, Tag } from 'antd';
import { useState, type CSSProperties } from 'react';
import { roleColor } from './known-roles';
import { useTranslation } from 'react-i18next';

export interface RoleSelectProps {
  /** Set by Form.Item: the input's id, so the field's label names it. */
  readonly id?: string;
  readonly roles: readonly string[];
  readonly placeholder?: string;
  readonly status?: 'error' | 'warning';
  readonly style?: CSSProperties;
}

/** Role names are lower-case: what is typed is folded and trimmed, and never listed twice. */
function normalise(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim().toLowerCase()).filter(Boolean))];
}

const options = (roles: readonly string[]) => roles.map((r) => ({ value: r, label: r }));

const tagRender = ({ value, closable, onClose }: { value: unknown; closable: boolean; onClose: () => void }) => (
  <Tag color={roleColor(String(value))} closable={closable} onClose={onClose} style={{ marginInlineEnd: 4 }}>
    {String(value)}
  </Tag>
);

/** Several roles (a user's): pick known ones or type a new custom role. */
export function RolesSelect({ value, onChange, roles, ...rest }: RoleSelectProps & { readonly value?: string[]; readonly onChange?: (v: string[]) => void }) {
  return (
    <Select<string[]>
      {...rest}
      mode="tags"
      value={value ?? []}
      onChange={(v) => onChange?.(normalise(v))}
      tokenSeparators={[',', ' ']}
      options={options(roles)}
      tagRender={tagRender}
    />
  );
}

/** One role (an approval node's): pick a known one, or type a new custom role and pick "(new role)". */
export function RoleSelect({ value, onChange, roles, ...rest }: RoleSelectProps & { readonly value?: string; readonly onChange?: (v: string) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const typed = search.trim().toLowerCase();
  // Known roles first, so Enter on a prefix picks an existing role; a new one is offered last.
  const opts = [
    ...options(roles),
    ...(value && !roles.includes(value) ? [{ value, label: value }] : []),
    ...(typed && !roles.includes(typed) && typed !== value ? [{ value: typed, label: t('users.form.newRole', { role: typed }) }] : []),
  ];
  return (
    <Select<string>
      {...rest}
      showSearch
      value={value || undefined}
      onChange={(v) => {
        setSearch('');
        onChange?.(v ?? '');
      }}
      searchValue={search}
      onSearch={setSearch}
      filterOption={(input, o) => String(o?.value ?? '').includes(input.trim().toLowerCase())}
      options={opts}
      labelRender={({ value: v }) => (
        <Tag color={roleColor(String(v))} style={{ marginInlineEnd: 0 }}>
          {String(v)}
        </Tag>
      )}
    />
  );
}
