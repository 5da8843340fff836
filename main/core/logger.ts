/** Where the core writes what an operator may need to read later; injected by the host (console, Electron, tests). */
export type Logger = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
