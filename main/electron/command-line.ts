/** The value of `--data-dir` in a command line (`--data-dir=DIR` or `--data-dir DIR`), if any. */
export function dataDirFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length) || undefined;
    if (arg === '--data-dir') {
      const next = argv[i + 1];
      return next && !next.startsWith('--') ? next : undefined;
    }
  }
  return undefined;
}
