/**
 * The check every output byte passes on its way to the store: are these lines plain (no control
 * character a stored line never holds, none longer than the limit), and how many are there? In
 * WebAssembly with 16-byte vectors: in JavaScript, a word at a time, it cost more than storing the
 * bytes did. The module is written below with named instructions and assembled when loaded, so
 * what runs is read here, not a binary blob.
 */

/** The part of the WebAssembly global used here (the core's type libraries leave it out; Node has it). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

/** Most bytes one call checks; callers pass larger output in pieces. */
export const PLAIN_SCAN_MAX_BYTES = 96 * 1024;

/**
 * Lines in `bytes` (newlines + 1) when none holds a control character other than tab and ESC, and
 * none is longer than `maxLine` bytes; -1 otherwise. A CR counts as a control character (what a
 * terminal makes of it is worked out on the careful path).
 */
export function plainLineCount(bytes: Uint8Array, maxLine: number): number {
  if (bytes.length > PLAIN_SCAN_MAX_BYTES) throw new RangeError(`plainLineCount takes at most ${PLAIN_SCAN_MAX_BYTES} bytes, got ${bytes.length}`);
  // The memory is scratch: each call copies its bytes in and keeps nothing, so one instance serves every caller.
  scratch.set(bytes);
  return scan(bytes.length, maxLine);
}

// Instruction encodings (WebAssembly 2.0 binary format); v128 ones come after the 0xfd prefix.
const op = {
  block: [0x02, 0x40], loop: [0x03, 0x40], if: [0x04, 0x40], else: [0x05], end: [0x0b], br: [0x0c], brIf: [0x0d], return: [0x0f],
  get: [0x20], set: [0x21], const: [0x41], load8: [0x2d, 0x00, 0x00],
  eqz: [0x45], eq: [0x46], ne: [0x47], ltU: [0x49], gtU: [0x4b], geU: [0x4f], ctz: [0x68], add: [0x6a], sub: [0x6b], and: [0x71], or: [0x72],
  vLoad: [0xfd, 0x00, 0x04, 0x00], vConst: [0xfd, 0x0c], i8Eq: [0xfd, 0x23], i8LtU: [0xfd, 0x26],
  vAndNot: [0xfd, 0x4f], vOr: [0xfd, 0x50], vAnyTrue: [0xfd, 0x53], i8Bitmask: [0xfd, 0x64],
} as const;

// Parameters, then locals, by index.
const LEN = 0, MAX = 1, I = 2, START = 3, COUNT = 4, BITS = 5, POS = 6, VEND = 7, V = 8, BAD = 9;

const uleb = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...uleb(n >>> 7)]);
const sleb = (n: number): number[] => (n >= -64 && n < 64 ? [n & 0x7f] : [(n & 0x7f) | 0x80, ...sleb(n >> 7)]);
const get = (x: number): number[] => [...op.get, x];
const set = (x: number): number[] => [...op.set, x];
const int = (n: number): number[] => [...op.const, ...sleb(n)];
const bytesOf = (b: number): number[] => [...op.vConst, ...Array<number>(16).fill(b)];
/** `if (at - start > max) return -1`: a line longer than the limit. */
const failIfLong = (at: number): number[] => [...get(at), ...get(START), ...op.sub, ...get(MAX), ...op.gtU, ...op.if, ...int(-1), ...op.return, ...op.end];
/** A newline at `at`: the line before it is checked, the next one starts after it. */
const newlineAt = (at: number): number[] => [...failIfLong(at), ...get(at), ...int(1), ...op.add, ...set(START), ...get(COUNT), ...int(1), ...op.add, ...set(COUNT)];

const body = [
  // Whole vectors: control bytes gathered into BAD, each newline found from the vector's bitmask.
  ...get(LEN), ...int(-16), ...op.and, ...set(VEND),
  ...op.block, ...op.loop,
  ...get(I), ...get(VEND), ...op.geU, ...op.brIf, 1,
  ...get(I), ...op.vLoad, ...set(V),
  ...get(BAD),
  ...get(V), ...bytesOf(0x20), ...op.i8LtU,
  ...get(V), ...bytesOf(0x09), ...op.i8Eq, ...get(V), ...bytesOf(0x0a), ...op.i8Eq, ...op.vOr, ...get(V), ...bytesOf(0x1b), ...op.i8Eq, ...op.vOr,
  ...op.vAndNot, // below 0x20 and not tab, newline or ESC
  ...get(V), ...bytesOf(0x7f), ...op.i8Eq, ...op.vOr, // or DEL
  ...op.vOr, ...set(BAD),
  ...get(V), ...bytesOf(0x0a), ...op.i8Eq, ...op.i8Bitmask, ...set(BITS),
  ...op.block, ...op.loop,
  ...get(BITS), ...op.eqz, ...op.brIf, 1,
  ...get(I), ...get(BITS), ...op.ctz, ...op.add, ...set(POS),
  ...newlineAt(POS),
  ...get(BITS), ...get(BITS), ...int(1), ...op.sub, ...op.and, ...set(BITS),
  ...op.br, 0,
  ...op.end, ...op.end,
  ...get(I), ...int(16), ...op.add, ...set(I),
  ...op.br, 0,
  ...op.end, ...op.end,
  // The last bytes, one at a time.
  ...op.block, ...op.loop,
  ...get(I), ...get(LEN), ...op.geU, ...op.brIf, 1,
  ...get(I), ...op.load8, ...set(POS),
  ...get(POS), ...int(10), ...op.eq,
  ...op.if,
  ...newlineAt(I),
  ...op.else,
  ...get(POS), ...int(32), ...op.ltU, ...get(POS), ...int(9), ...op.ne, ...op.and, ...get(POS), ...int(27), ...op.ne, ...op.and, ...get(POS), ...int(127), ...op.eq, ...op.or,
  ...op.if, ...int(-1), ...op.return, ...op.end,
  ...op.end,
  ...get(I), ...int(1), ...op.add, ...set(I),
  ...op.br, 0,
  ...op.end, ...op.end,
  ...get(BAD), ...op.vAnyTrue, ...op.if, ...int(-1), ...op.return, ...op.end,
  ...failIfLong(LEN),
  ...get(COUNT), ...int(1), ...op.add,
  ...op.end,
];

const I32 = 0x7f, V128 = 0x7b;
const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];
const name = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'ascii')];
const code = [2, 6, I32, 2, V128, ...body]; // locals: six i32, two v128
const PAGE = 64 * 1024;

const module = new WebAssembly.Module(Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 2, I32, I32, 1, I32]), // one type: (len, max) -> count
  ...section(3, [1, 0]),
  ...section(5, [1, 0x00, Math.ceil(PLAIN_SCAN_MAX_BYTES / PAGE)]),
  ...section(7, [2, ...name('memory'), 0x02, 0, ...name('scan'), 0x00, 0]),
  ...section(10, [1, ...uleb(code.length), ...code]),
]));
const exports = new WebAssembly.Instance(module).exports as { memory: { buffer: ArrayBuffer }; scan: (len: number, max: number) => number };
const scratch = new Uint8Array(exports.memory.buffer);
const scan = exports.scan;
