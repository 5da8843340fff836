import SSHConfig from 'ssh-config';

export interface ImportCandidate {
  readonly name: string;
  readonly host: string; // address:port
  readonly username: string | null;
  readonly identityFile: string | null;
  readonly proxyJump: string | null;
}

const first = (v: string | string[] | undefined): string | null => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null));

/** Concrete `Host` aliases of an OpenSSH config (wildcards and negations skipped), each with its computed settings. */
export function parseSshConfig(text: string, homeDir: string): { candidates: ImportCandidate[]; skipped: { name: string; reason: string }[] } {
  const config = SSHConfig.parse(text);
  const candidates: ImportCandidate[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const line of config) {
    if (line.type !== SSHConfig.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
    const names = typeof line.value === 'string' ? line.value.split(/\s+/) : line.value.map((v) => v.val);
    for (const alias of names) {
      if (!alias || seen.has(alias)) continue;
      seen.add(alias);
      if (/[*?!]/.test(alias)) {
        skipped.push({ name: alias, reason: 'pattern, not a host' });
        continue;
      }
      const c = config.compute(alias);
      // A command run to reach the host: Taskdeck never runs one, and connecting directly instead would reach something else.
      if (first(c.ProxyCommand)) {
        skipped.push({ name: alias, reason: 'ProxyCommand is not supported (a jump host is: ProxyJump)' });
        continue;
      }
      const hostName = (first(c.HostName) ?? alias).replace(/%h/g, alias);
      const port = first(c.Port) ?? '22';
      const address = hostName.includes(':') && !hostName.startsWith('[') ? `[${hostName}]:${port}` : `${hostName}:${port}`;
      const identity = first(c.IdentityFile);
      candidates.push({
        name: alias,
        host: address,
        username: first(c.User),
        identityFile: identity ? identity.replace(/^~(?=\/|$)/, homeDir) : null,
        proxyJump: first(c.ProxyJump)?.split(',')[0]?.replace(/^.*@/, '').replace(/:\d+$/, '') ?? null,
      });
    }
  }
  return { candidates, skipped };
}
