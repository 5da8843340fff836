import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../server/static-files';

/** Where the built renderer and the preload sit. */
export interface RendererFiles {
  /** The built renderer folder (`dist/renderer`): the only files the window may load. */
  readonly root: string;
  readonly indexHtml: string;
  /** `file://` URL of index.html, as Chromium reports it for the loaded page (without the hash route). */
  readonly indexUrl: string;
  readonly preload: string;
}

/** Paths relative to the bundled main script's folder (`dist/electron`). */
export function rendererFiles(mainDir: string): RendererFiles {
  const root = path.resolve(mainDir, '..', 'renderer');
  const indexHtml = path.join(root, 'index.html');
  return { root, indexHtml, indexUrl: pathToFileURL(indexHtml).href, preload: path.resolve(mainDir, '..', 'preload', 'preload.cjs') };
}

/** Whether a frame URL is our index.html, whatever its hash route or query. */
export function isIndexUrl(url: string, indexUrl: string): boolean {
  try {
    const u = new URL(url);
    u.hash = '';
    u.search = '';
    return u.href === new URL(indexUrl).href;
  } catch {
    return false;
  }
}

/** The local path a `file:` URL names when it lies inside `root`; null for anything else (other folders, hosts, shares). */
export function rendererFilePath(url: string, root: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'file:' || (u.hostname !== '' && u.hostname !== 'localhost')) return null;
  let file: string;
  try {
    file = fileURLToPath(u);
  } catch {
    return null;
  }
  const rel = path.relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return null;
  return file;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
};

function refuse(status: number): Response {
  return new Response(null, { status });
}

/**
 * Handler for the intercepted `file:` scheme: serves the built renderer with the Content-Security-Policy header
 * (Chromium sends no headers for plain file loads) and refuses every other local file, so a compromised page
 * cannot read the disk through `file:` URLs.
 */
export function createRendererFileHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const file = rendererFilePath(request.url, root);
    if (!file) return refuse(404);
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return refuse(404);
    }
    const headers = {
      'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      // Vite's module scripts are fetched in CORS mode (`crossorigin`) from a file: page, whose origin is opaque.
      'access-control-allow-origin': '*',
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
