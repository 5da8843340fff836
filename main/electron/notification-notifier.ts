import { app, type BrowserWindow } from 'electron';
import { eventIsFor } from '../../shared/api/events';
import type { Core } from '../core/create-core';
import { noticeIn } from './notice-language';
import { showNotification } from './notifications';

/**
 * A native notification for each notification posted to the user signed in on the window that asks for one (reminders,
 * desktop alerts; an in-app alert stays in the centre); clicking it brings the window up on the notification's page.
 * The core stays electron-free: the shell listens to its event.
 */
export function notifyPosted(core: Core, pageUser: () => string | null, mainWindow: () => BrowserWindow | null): { dispose(): void } {
  return core.events.onDidEmit((e) => {
    if (e.type !== 'notification.created' || !e.data.desktop || !eventIsFor(e, pageUser())) return;
    const n = e.data.notification;
    const user = pageUser();
    // The reader's language as the page has it: the one chosen, else the system's (the page's default too).
    const language = (user ? core.services.users.languageOf(user) : null) ?? (app.getLocale().startsWith('zh') ? 'zh-CN' : 'en');
    const { title, body } = noticeIn(language, n);
    showNotification(title, body, () => {
      const win = mainWindow();
      if (!win || win.isDestroyed()) return;
      win.show();
      win.focus();
      if (n.link?.startsWith('/')) void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#${n.link}`)}`);
    });
  });
}
