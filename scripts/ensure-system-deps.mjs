// Tests need Debian's chromium and openssh-server. As root, install what is missing; otherwise say which package.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const needed = [
  { pkg: 'chromium', file: '/usr/bin/chromium' },
  { pkg: 'openssh-server', file: '/usr/sbin/sshd' },
  { pkg: 'openssh-client', file: '/usr/bin/ssh-keygen' },
];
const missing = needed.filter((n) => !fs.existsSync(n.file)).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);
if (process.getuid?.() !== 0) {
  console.error(`Tests need Debian packages that are missing: ${missing.join(' ')}. Install them: sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
console.log(`installing Debian packages for the tests: ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
