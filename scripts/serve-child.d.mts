import type { ChildProcess, SpawnOptions } from 'node:child_process';

/** Run `node …argv` (a `serve` entry) tied to this process: it stops when this process ends, even by SIGKILL. */
export function spawnServeChild(argv: readonly string[], options?: Omit<SpawnOptions, 'stdio' | 'detached'>): ChildProcess;
