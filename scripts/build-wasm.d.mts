/** The log scanner's module bytes, compiled from main/core/domain/log-scan.wat with wabt. */
export function compileLogScan(): Promise<Buffer>;
/** The TypeScript module (log-scan-wasm.ts) that holds those bytes. */
export function logScanSource(bytes: Buffer): string;
