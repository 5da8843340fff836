import { Menu, type MenuItemConstructorOptions } from 'electron';

/** Standard menus by role (their usual shortcuts come with them); reload and developer tools only in development. */
export function menuTemplate(o: { platform: NodeJS.Platform; isPackaged: boolean }): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const develop: MenuItemConstructorOptions[] = o.isPackaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: [...develop, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about' }] },
  ];
}

export function installMenu(o: { platform: NodeJS.Platform; isPackaged: boolean }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(o)));
}
