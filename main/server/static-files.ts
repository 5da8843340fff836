import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2', '.map': 'application/json',
};

/** Same policy as the Electron window: nothing but our own origin. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * The file a request path names under the root, relative to it. A path no browser would send for our app (bad
 * percent-encoding, NUL, a `..` or `\` hidden behind `%2f` / `%5c`) is a 400, never a file and never a 500.
 */
export function staticRelativePath(pathname: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new AppError('validation', 'the path is not valid percent-encoding');
  }
  if (decoded.includes('\0') || decoded.includes('\\')) throw new AppError('validation', 'the path must not contain NUL or "\\"');
  const segments = decoded.split('/');
  if (segments.includes('..') || segments.includes('.')) throw new AppError('validation', 'the path must not contain "." or ".." segments');
  return segments.filter(Boolean).join('/');
}

/** Serve a built single-page app: files by path, anything else falls back to index.html. */
export function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  const rel = staticRelativePath(pathname);
  let file = path.join(root, rel);
  if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  const ext = path.extname(file);
  res.writeHead(200, {
    'content-type': types[ext] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  // A file that vanishes between the check and the read ends this response, not the process.
  fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
