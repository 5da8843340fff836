import { SearchOutlined } from '@ant-design/icons';
import { Button, Tooltip, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/hash-route';
import { CommandPalette } from './command-palette';
import { ShortcutHelp } from './shortcut-help';
import type { ShortcutAction } from './shortcuts';
import { useShortcuts } from './use-shortcuts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const paletteKeys = isMac ? '⌘K' : 'Ctrl+K';

/** The header's way into the palette, the keyboard shortcuts, the palette and the help sheet. */
export function PaletteHost() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'palette' | 'help' | null>(null);
  const onAction = useCallback((a: ShortcutAction) => {
    if (a.kind === 'go') {
      setOpen(null);
      navigate(a.to);
    } else setOpen(a.kind);
  }, []);
  useShortcuts(onAction);
  const close = useCallback(() => setOpen(null), []);

  return (
    <>
      <Tooltip title={t('palette.openTip', { keys: paletteKeys })}>
        <Button type="text" aria-label={t('palette.openAria', { keys: paletteKeys })} aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'} onClick={() => setOpen('palette')}>
          <SearchOutlined />
          <Typography.Text type="secondary" keyboard style={{ fontSize: 11 }}>{paletteKeys}</Typography.Text>
        </Button>
      </Tooltip>
      <CommandPalette open={open === 'palette'} onClose={close} onGo={navigate} />
      <ShortcutHelp open={open === 'help'} onClose={close} />
    </>
  );
}
