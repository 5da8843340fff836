// `npm start`: build, then run the desktop shell; without an Electron binary, run browser mode and open it as an app window.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { electronBinary } from './electron-binary.mjs';
import { spawnServeChild } from './serve-child.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const DEFAULT_PORT = 7420;
const children = new Set();

/** One calm line on stderr, no stack trace, then exit. */
function fail(message, code = 1) {
  console.error(`taskdeck: ${message}`);
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}

/** The value of `--name VALUE` or `--name=VALUE`. */
function flag(name) {
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
    if (args[i] === `--${name}`) return args[i + 1];
  }
  return undefined;
}

/** Same rule as main/core/data-dir.ts: --data-dir, TASKDECK_DATA_DIR, else the user's config folder. */
function dataDir() {
  const given = flag('data-dir') ?? process.env.TASKDECK_DATA_DIR;
  if (given) return path.resolve(given);
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Taskdeck');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Taskdeck');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'Taskdeck');
}

function canListen(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** --port when given, else 7420 when free, else any free port. */
async function choosePort() {
  const given = flag('port');
  if (given !== undefined && given !== '0') return Number(given);
  if (await canListen(DEFAULT_PORT)) return DEFAULT_PORT;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Run a child in its own process group (not on Windows), so a Ctrl+C reaches it once: through us. */
function run(command, argv, options = {}) {
  return keep(spawn(command, argv, { stdio: 'inherit', cwd: root, detached: process.platform !== 'win32', ...options }));
}

function keep(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

/** Resolves when /api/v1/health answers; rejects when the server exits first or takes too long. */
function waitForHealth(url, server, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    let done = false;
    const onExit = (code) => {
      done = true;
      reject(new Error(`the browser-mode server stopped before it was ready (exit code ${code})`));
    };
    server.once('exit', onExit);
    const poll = async () => {
      if (done) return;
      try {
        const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) {
          done = true;
          server.off('exit', onExit);
          return resolve();
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        done = true;
        server.off('exit', onExit);
        return reject(new Error(`${url} did not answer within ${timeoutMs / 1000} s`));
      }
      setTimeout(poll, 150);
    };
    void poll();
  });
}

function systemChromium() {
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => fs.existsSync(p)) ?? null;
}

async function browserMode() {
  console.log('Taskdeck: no Electron binary is installed here, so the console runs in browser mode instead.');
  const dir = dataDir();
  const port = await choosePort();
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, got ${flag('port')}`);
  const url = `http://127.0.0.1:${port}`;
  const server = keep(spawnServeChild([path.join(root, 'bin', 'taskdeck.mjs'), 'serve', '--port', String(port), '--data-dir', dir], { cwd: root }));
  forwardSignals(server);
  server.once('exit', (code, signal) => {
    for (const child of children) child.kill('SIGTERM');
    process.exit(code ?? (signal ? 0 : 1));
  });
  await waitForHealth(url, server);

  const chromium = systemChromium();
  if (chromium && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
    const profile = path.join(dir, 'browser-profile');
    const argv = [`--app=${url}/`, `--user-data-dir=${profile}`, '--no-first-run', '--no-default-browser-check'];
    if (process.getuid?.() === 0) argv.push('--no-sandbox');
    const app = run(chromium, argv, { stdio: 'ignore' });
    app.once('error', () => console.log(`Could not start ${chromium}; open ${url}/ in a browser.`));
    app.once('exit', (code) => {
      if (code) console.log(`${path.basename(chromium)} could not open a window (exit code ${code}); open ${url}/ in a browser.`);
    });
    console.log(`Opened ${url}/ in ${path.basename(chromium)}. Press Ctrl+C to stop.`);
  } else {
    console.log(`Open ${url}/ in a browser. Press Ctrl+C to stop.`);
  }
}

function desktop(electron) {
  const shell = run(electron, [path.join(root, 'dist', 'electron', 'main.cjs'), ...args]);
  forwardSignals(shell);
  shell.once('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  shell.once('error', (err) => fail(`could not start Electron: ${err.message}`));
}

async function main() {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (build.status !== 0) {
    // Keep the compiler's message, drop the build script's stack trace.
    const lines = (build.stderr ?? '').split('\n');
    const stack = lines.findIndex((line) => /^\s+at\s/.test(line));
    process.stderr.write(lines.slice(0, stack === -1 ? lines.length : stack).join('\n').trimEnd() + '\n');
    fail('the build failed (see above); fix it and run npm start again');
  }
  process.stderr.write(build.stderr ?? '');
  const electron = electronBinary();
  if (electron) desktop(electron);
  else await browserMode();
}

// Children run in their own process groups: take them down with us whatever way we leave.
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM');
});
process.on('uncaughtException', (err) => fail(err instanceof Error ? err.message : String(err)));
main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
