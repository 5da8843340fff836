import { SearchOutlined } from '@ant-design/icons';
import { Input, Modal, Spin, theme, Typography, type InputRef } from 'antd';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { moveActive, rankItems, type PaletteItem } from './palette-model';
import { usePaletteItems } from './use-palette-items';

const LIMIT = 50;
const optionId = (i: number): string => `palette-option-${i}`;

function ResultRow({ item, active, index, onPick, onHover }: { readonly item: PaletteItem; readonly active: boolean; readonly index: number; readonly onPick: () => void; readonly onHover: () => void }) {
  const { token } = theme.useToken();
  const { t } = useTranslation();
  return (
    <div
      id={optionId(index)}
      role="option"
      aria-selected={active}
      onClick={onPick}
      onMouseMove={onHover}
      ref={(el) => {
        if (active) el?.scrollIntoView({ block: 'nearest' });
      }}
      style={{ display: 'flex', gap: 8, alignItems: 'baseline', padding: '6px 12px', cursor: 'pointer', borderRadius: token.borderRadius, background: active ? token.controlItemBgActive : undefined }}
    >
      <Typography.Text type="secondary" style={{ width: 60, flex: 'none' }}>{t(`palette.kind.${item.kind}`)}</Typography.Text>
      <Typography.Text strong={active} style={{ flex: 'none', maxWidth: '55%' }} ellipsis>{item.title}</Typography.Text>
      {item.detail && <Typography.Text type="secondary" style={{ minWidth: 0 }} ellipsis>{item.detail}</Typography.Text>}
    </div>
  );
}

/** Ctrl+K: type part of a name, move with the arrow keys, Enter opens it, Esc closes. */
export function CommandPalette({ open, onClose, onGo }: { readonly open: boolean; readonly onClose: () => void; readonly onGo: (to: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<InputRef>(null);
  const { items, loading } = usePaletteItems(open);
  const results = useMemo(() => rankItems(items, query, LIMIT), [items, query]);
  const current = Math.min(active, results.length - 1);
  // Into the field at once, not when the opening animation ends: what is typed right after Ctrl+K is
  // the search, never keys lost on the page (the dialog takes the focus in its own effect, so after it).
  // Out of it at once on close: a key pressed while the dialog fades out (`?`, `g`) is a shortcut again.
  useEffect(() => {
    if (!open) {
      input.current?.blur();
      return undefined;
    }
    const id = setTimeout(() => input.current?.focus());
    return () => clearTimeout(id);
  }, [open]);

  const pick = (item: PaletteItem | undefined): void => {
    if (!item) return;
    onClose();
    onGo(item.to);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(moveActive(current, e.key === 'ArrowDown' ? 1 : -1, results.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(results[current]);
    }
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      afterOpenChange={(visible) => {
        if (!visible) {
          setQuery('');
          setActive(0);
        }
      }}
      footer={null}
      closable={false}
      title={null}
      width={600}
      style={{ top: 80 }}
      aria-label={t('palette.name')}
    >
      <Input
        ref={input}
        autoFocus
        size="large"
        variant="borderless"
        prefix={<SearchOutlined />}
        placeholder={t('palette.placeholder')}
        aria-label={t('palette.search')}
        role="combobox"
        aria-expanded
        aria-controls="palette-results"
        aria-autocomplete="list"
        aria-activedescendant={current >= 0 ? optionId(current) : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        suffix={loading ? <Spin size="small" aria-label={t('palette.loadingLists')} /> : undefined}
      />
      <div id="palette-results" role="listbox" aria-label={t('palette.results')} style={{ maxHeight: 380, overflowY: 'auto', marginTop: 8 }}>
        {results.map((item, i) => (
          <ResultRow key={item.key} item={item} index={i} active={i === current} onPick={() => pick(item)} onHover={() => setActive(i)} />
        ))}
        {results.length === 0 && (
          <Typography.Paragraph type="secondary" style={{ padding: '8px 12px', margin: 0 }}>
            {loading ? t('palette.loading') : t('palette.nothing', { query: query.trim() })}
          </Typography.Paragraph>
        )}
      </div>
    </Modal>
  );
}
