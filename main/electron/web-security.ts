import { type Session, shell, type WebContents } from 'electron';
import type { Logger } from '../core/dispatch';
import { CONTENT_SECURITY_POLICY } from '../server/static-files';
import { decideNavigation } from './navigation-policy';
import { createRendererFileHandler, type RendererFiles } from './renderer-files';

/**
 * Session-wide hardening, installed once after `ready` and before the window loads:
 * - `file:` is intercepted: only the built renderer is served, with the CSP header (plain file loads carry no headers,
 *   and `webRequest` does not see intercepted schemes);
 * - every other framed response (http, https) gets the same CSP through `onHeadersReceived`;
 * - every permission request and check is denied.
 */
export function installSessionSecurity(ses: Session, files: RendererFiles): void {
  ses.protocol.handle('file', createRendererFileHandler(files.root));
  ses.webRequest.onHeadersReceived((details, callback) => {
    const framed = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    if (!framed || !/^(https?|file):/i.test(details.url)) return callback({});
    // fromEntries defines own properties: a header named __proto__ stays a header.
    const headers: Record<string, string[]> = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

function openExternally(url: string, log: Logger): void {
  shell.openExternal(url).catch((err: unknown) => log('warn', `could not open ${url} in the system browser`, { error: String(err) }));
}

/** For every webContents (`web-contents-created`): no navigation away from our page, no new windows, no webviews. */
export function guardWebContents(contents: WebContents, files: RendererFiles, log: Logger): void {
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, files.indexUrl);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') openExternally(event.url, log);
    else log('warn', 'blocked a navigation away from the console', { url: event.url });
  });
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return; // handled by will-navigate
    event.preventDefault();
    log('warn', 'blocked a frame navigation', { url: event.url });
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log('warn', 'blocked a redirect', { url: event.url });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('warn', 'blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideNavigation(url, files.indexUrl) === 'open-external') openExternally(url, log);
    else log('warn', 'blocked a new window', { url });
    return { action: 'deny' };
  });
}
