/**
 * `--flag value`, `--flag=value` and bare `--flag` (true); the rest are positionals. The CLI's
 * own (`taskdeck serve` reads its flags with node:util). Flags have no prototype, so `--constructor` is a flag like any other.
 */
export function parseArgs(argv: readonly string[]): { positionals: string[]; flags: Record<string, string | true> } {
  const positionals: string[] = [];
  const flags = Object.create(null) as Record<string, string | true>;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { positionals.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('--')) { positionals.push(a); continue; }
    const eq = a.indexOf('=');
    if (eq > 0) { flags[a.slice(2, eq)] = a.slice(eq + 1); continue; }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) { flags[a.slice(2)] = next; i++; } else flags[a.slice(2)] = true;
  }
  return { positionals, flags };
}
