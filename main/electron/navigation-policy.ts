import { isIndexUrl } from './renderer-files';

/** What to do when the page asks to go to a URL: stay (our own index.html), hand it to the system browser, or refuse. */
export type NavigationDecision = 'allow' | 'open-external' | 'block';

/** Only our index.html loads in the window; only plain https links go to the system browser; everything else is refused. */
export function decideNavigation(url: string, indexUrl: string): NavigationDecision {
  if (isIndexUrl(url, indexUrl)) return 'allow';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'block';
  }
  if (u.protocol === 'https:' && u.username === '' && u.password === '' && u.hostname !== '') return 'open-external';
  return 'block';
}
