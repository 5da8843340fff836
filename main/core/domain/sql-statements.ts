import type { SqlSubtype } from '../../../shared/domain/processes';

/**
 * Quoting rules differ where it matters for splitting: MySQL strings take backslash escapes and
 * `#` starts a comment; PostgreSQL has dollar quotes, E'' strings and nested block comments.
 */
export type SqlDialect = 'postgres' | 'mysql';

/** One statement of a script; `start`/`end` are offsets into the script, `text` is that slice. */
export interface SqlStatement {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

type TokenKind = 'space' | 'comment' | 'quoted' | 'word' | 'punct';
interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
}

const SPACE = /\s/;
/** Letters, digits, `_`, `$` and anything past ASCII: what an unquoted identifier or keyword is made of. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 128;
}
const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r' || ((c < ' ' || c > '~') && SPACE.test(c));
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/y;
const DIRECTIVE = /delimiter[ \t]+(\S+)[^\n]*/iy;

/** End of a quoted run opened at `i`: a doubled quote escapes it, and so does a backslash when `backslash`. */
function quotedEnd(s: string, i: number, q: string, backslash: boolean): number {
  for (let j = i + 1; j < s.length; j++) {
    if (backslash && s[j] === '\\') j++;
    else if (s[j] === q) {
      if (s[j + 1] !== q) return j + 1;
      j++;
    }
  }
  return s.length;
}

function blockCommentEnd(s: string, i: number, nested: boolean): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s.startsWith('/*', j) && (nested || depth === 0)) {
      depth++;
      j++;
    } else if (s.startsWith('*/', j)) {
      if (--depth === 0) return j + 2;
      j++;
    }
  }
  return s.length;
}

/** One token at `i`. A word stops where the delimiter starts, so `END$$` ends a statement under `DELIMITER $$`. */
function readToken(s: string, i: number, dialect: SqlDialect, delimiter: string): Token {
  const c = s[i]!;
  if (isSpace(c)) {
    let j = i + 1;
    while (j < s.length && isSpace(s[j]!)) j++;
    return { kind: 'space', start: i, end: j };
  }
  // MySQL needs whitespace after `--`: there `1--1` is arithmetic.
  const lineComment = (c === '-' && s[i + 1] === '-' && (dialect === 'postgres' || isSpace(s[i + 2] ?? ' '))) || (c === '#' && dialect === 'mysql');
  if (lineComment) {
    const nl = s.indexOf('\n', i);
    const end = nl < 0 ? s.length : s[nl - 1] === '\r' ? nl - 1 : nl;
    return { kind: 'comment', start: i, end };
  }
  if (c === '/' && s[i + 1] === '*') {
    // MySQL runs `/*!50003 … */`: it is code, not a comment (mysqldump writes whole statements so).
    return { kind: dialect === 'mysql' && s[i + 2] === '!' ? 'word' : 'comment', start: i, end: blockCommentEnd(s, i, dialect === 'postgres') };
  }
  if (c === "'" || c === '"') return { kind: 'quoted', start: i, end: quotedEnd(s, i, c, dialect === 'mysql') };
  if (c === '`') return { kind: 'quoted', start: i, end: quotedEnd(s, i, c, false) };
  if (c === '$' && dialect === 'postgres') {
    DOLLAR_TAG.lastIndex = i;
    const tag = DOLLAR_TAG.exec(s)?.[0];
    if (tag) {
      const close = s.indexOf(tag, i + tag.length);
      return { kind: 'quoted', start: i, end: close < 0 ? s.length : close + tag.length };
    }
  }
  if (isWordChar(s.charCodeAt(i))) {
    const mayCut = isWordChar(delimiter.charCodeAt(0));
    let j = i + 1;
    while (j < s.length && isWordChar(s.charCodeAt(j)) && !(mayCut && s.startsWith(delimiter, j))) j++;
    // PostgreSQL's E'…' strings take backslash escapes.
    if (j === i + 1 && (c === 'E' || c === 'e') && s[j] === "'" && dialect === 'postgres') return { kind: 'quoted', start: i, end: quotedEnd(s, j, "'", true) };
    return { kind: 'word', start: i, end: j };
  }
  return { kind: 'punct', start: i, end: i + 1 };
}

/**
 * Split a script into statements the way psql and the mysql client do: the delimiter (`;`, or one
 * set by `delimiter` or a `DELIMITER //` line) ends a statement outside quotes, comments and dollar
 * quotes. Comment-only statements are dropped; each keeps its leading comments.
 */
export function splitStatements(script: string, opts: { delimiter?: string; dialect?: SqlDialect } = {}): SqlStatement[] {
  const dialect = opts.dialect ?? 'postgres';
  let delimiter = opts.delimiter || ';';
  const out: SqlStatement[] = [];
  let first = -1; // start of the first non-space token of the statement being read
  let last = -1; // end of its last non-space token
  let hasCode = false;
  const flush = (): void => {
    if (hasCode) out.push({ text: script.slice(first, last), start: first, end: last });
    first = last = -1;
    hasCode = false;
  };
  for (let i = 0; i < script.length; ) {
    if (script.startsWith(delimiter, i)) {
      flush();
      i += delimiter.length;
      continue;
    }
    DIRECTIVE.lastIndex = i;
    const directive = hasCode || (script[i] !== 'd' && script[i] !== 'D') ? null : DIRECTIVE.exec(script);
    if (directive) {
      // A client directive, not SQL: it changes the delimiter and is never sent to the server.
      delimiter = directive[1]!;
      first = last = -1;
      i = DIRECTIVE.lastIndex;
      continue;
    }
    const t = readToken(script, i, dialect, delimiter);
    if (t.kind !== 'space') {
      if (first < 0) first = t.start;
      last = t.end;
      if (t.kind !== 'comment') hasCode = true;
    }
    i = t.end;
  }
  flush();
  return out;
}

interface Sig {
  readonly word: string | null; // upper-case word, or null
  readonly punct: string | null; // one punctuation character, or null; quoted text has neither
  readonly depth: number; // parenthesis depth; `(` and its `)` sit at the depth outside them
}

/** Words, quotes and punctuation with their parenthesis depth; comments dropped, `/*!…*\/` opened up. */
function significant(s: string, dialect: SqlDialect): Sig[] {
  const out: Sig[] = [];
  let depth = 0;
  for (let i = 0; i < s.length; ) {
    const t = readToken(s, i, dialect, '\0');
    i = t.end;
    if (t.kind === 'space' || t.kind === 'quoted') {
      if (t.kind === 'quoted') out.push({ word: null, punct: null, depth });
      continue;
    }
    if (s.startsWith('/*!', t.start)) {
      // MySQL's versioned comments are code; PostgreSQL ignores them, so reading them can only raise the risk.
      const inner = s.slice(t.start + 3, s.startsWith('*/', t.end - 2) ? t.end - 2 : t.end).replace(/^\d*/, '');
      for (const sub of significant(inner, dialect)) out.push({ ...sub, depth: depth + sub.depth });
      continue;
    }
    if (t.kind === 'comment') continue;
    const punct = t.kind === 'punct' ? s[t.start]! : null;
    if (punct === ')') depth = Math.max(0, depth - 1);
    out.push({ word: t.kind === 'word' ? s.slice(t.start, t.end).toUpperCase() : null, punct, depth });
    if (punct === '(') depth++;
  }
  return out;
}

/** Statements classified by their first keyword alone. */
const BY_KEYWORD: Readonly<Record<string, SqlSubtype>> = {
  SELECT: 'SELECT', VALUES: 'SELECT', TABLE: 'SELECT', SHOW: 'SELECT', DESCRIBE: 'SELECT', DESC: 'SELECT',
  INSERT: 'INSERT',
  UPDATE: 'UPDATE',
  // Anything that can overwrite existing rows is an UPDATE: REPLACE deletes and re-inserts a
  // conflicting row, MERGE and UPSERT update matched ones. The riskier reading keeps approvals honest.
  REPLACE: 'UPDATE', MERGE: 'UPDATE', UPSERT: 'UPDATE',
  DELETE: 'DELETE',
  // TRUNCATE removes rows, not schema: to an approver it is a DELETE without a WHERE (and no undo).
  TRUNCATE: 'DELETE',
  CREATE: 'CREATE',
  DROP: 'DROP',
  ALTER: 'ALTER', RENAME: 'ALTER',
};
const MAIN_STATEMENT = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'VALUES', 'TABLE', 'REPLACE']);
const EXPLAINED = new Set([...MAIN_STATEMENT, 'WITH', 'CREATE', 'EXECUTE', 'DECLARE']);

/** The words at `from`'s depth from `from` on, up to where that depth closes. */
function sameLevel(sig: readonly Sig[], from: number): Sig[] {
  const depth = sig[from]!.depth;
  const out: Sig[] = [];
  for (let k = from; k < sig.length && sig[k]!.depth >= depth; k++) if (sig[k]!.depth === depth) out.push(sig[k]!);
  return out;
}

function hasSequence(level: readonly Sig[], a: string, b: string): boolean {
  return level.some((t, k) => t.word === a && level[k + 1]?.word === b);
}

function classifyAt(sig: readonly Sig[], i: number): SqlSubtype {
  const head = sig[i];
  if (!head?.word) return 'OTHER';
  const level = sameLevel(sig, i);
  switch (head.word) {
    case 'WITH': {
      // Classify by the main statement, but PostgreSQL's data-modifying CTEs
      // (`WITH d AS (DELETE … RETURNING *) SELECT …`) make a SELECT a write.
      const main = sig.indexOf(level.find((t, k) => k > 0 && MAIN_STATEMENT.has(t.word ?? '')) ?? head);
      const kind = main === i ? 'OTHER' : classifyAt(sig, main);
      if (kind !== 'SELECT') return kind;
      const bodies = level.filter((t, k) => t.punct === '(' && ['AS', 'MATERIALIZED'].includes(level[k - 1]?.word ?? ''));
      const writes = bodies.map((b) => classifyAt(sig, firstWord(sig, sig.indexOf(b) + 1))).filter((k) => k !== 'SELECT' && k !== 'OTHER');
      return writes[0] ?? 'SELECT';
    }
    case 'EXPLAIN': {
      // EXPLAIN only plans; EXPLAIN ANALYZE runs the statement, so it is whatever that statement is.
      const inner = level.findIndex((t, k) => k > 0 && EXPLAINED.has(t.word ?? ''));
      const options = sig.slice(i + 1, inner < 0 ? sig.length : sig.indexOf(level[inner]!));
      const analyze = options.some((t, k) => (t.word === 'ANALYZE' || t.word === 'ANALYSE') && !['FALSE', 'OFF', '0'].includes(options[k + 1]?.word ?? ''));
      const kind = inner < 0 ? 'SELECT' : classifyAt(sig, sig.indexOf(level[inner]!));
      return analyze && kind !== 'OTHER' ? kind : 'SELECT';
    }
    case 'SELECT': {
      // PostgreSQL's `SELECT … INTO new_table` creates a table; MySQL's `INTO @var` / `INTO OUTFILE` do not.
      const into = level.findIndex((t) => t.word === 'INTO');
      const target = level[into + 1]?.word;
      return into > 0 && target && target !== 'OUTFILE' && target !== 'DUMPFILE' ? 'CREATE' : 'SELECT';
    }
    case 'INSERT':
      // An upsert can overwrite rows, like REPLACE.
      return hasSequence(level, 'DO', 'UPDATE') || hasSequence(level, 'DUPLICATE', 'KEY') ? 'UPDATE' : 'INSERT';
    case 'COPY': {
      // COPY … FROM loads rows (a write); COPY … TO reads them out. With PROGRAM it runs a shell
      // command on the database server, which is neither: OTHER.
      if (level.some((t) => t.word === 'PROGRAM')) return 'OTHER';
      const dir = level.find((t) => t.word === 'FROM' || t.word === 'TO')?.word;
      return dir === 'FROM' ? 'INSERT' : dir === 'TO' ? 'SELECT' : 'OTHER';
    }
    case 'LOAD':
      // MySQL's LOAD DATA / LOAD XML are COPY … FROM; PostgreSQL's LOAD loads a library.
      return ['DATA', 'XML'].includes(level[1]?.word ?? '') ? 'INSERT' : 'OTHER';
    default:
      // GRANT, REVOKE, SET, BEGIN, COMMIT, VACUUM, ANALYZE, CALL, DO, … are OTHER. CALL and DO can
      // write anything, so processes should put OTHER at their highest level.
      return BY_KEYWORD[head.word] ?? 'OTHER';
  }
}

/** Index of the first word at or after `i`, skipping opening parentheses. */
function firstWord(sig: readonly Sig[], i: number): number {
  let k = i;
  while (sig[k]?.punct === '(') k++;
  return k;
}

/** The subtype of one statement, by its first keyword after comments and opening parentheses. */
export function classify(statement: string, dialect: SqlDialect = 'postgres'): SqlSubtype {
  const sig = significant(statement, dialect);
  return classifyAt(sig, firstWord(sig, 0));
}
