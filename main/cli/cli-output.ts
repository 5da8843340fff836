import Table from 'cli-table3';
import { stringify } from 'yaml';
import type { CliFacts } from '../../shared/api/contract';
import type { CliIo } from './cli-io';

export const formats = ['json', 'yaml', 'table', 'wide'] as const;
export type Format = (typeof formats)[number];

/** What was asked with `-o`, else a table on a terminal and JSON when piped. */
export function formatFor(asked: string | undefined, io: CliIo): Format {
  return (asked as Format | undefined) ?? (io.stdoutIsTTY ? 'table' : 'json');
}

/** Print an answer in the chosen format; tables take their columns from the operation's facts. */
export function printResult(data: unknown, facts: CliFacts | undefined, format: Format, io: CliIo): void {
  if (format === 'json') return io.out(JSON.stringify(data, null, 2));
  if (format === 'yaml') return io.out(stringify(data));
  const rows = rowsOf(data, facts);
  const colour = io.stdoutIsTTY && !io.env.NO_COLOR;
  if (rows) {
    if (rows.length === 0) return io.err('No resources found.');
    const columns = [...(facts?.columns ?? scalarFields(rows[0]!)), ...(format === 'wide' ? (facts?.wide ?? []) : [])];
    return io.out(renderTable(columns, rows.map((r) => columns.map((c) => cell(c, pick(r, c), colour))), io.columns));
  }
  if (data !== null && typeof data === 'object') {
    const entries = Object.entries(data as Record<string, unknown>);
    return io.out(renderTable(['field', 'value'], entries.map(([k, v]) => [k, cell(k, v, colour)]), io.columns));
  }
  io.out(String(data));
}

function rowsOf(data: unknown, facts: CliFacts | undefined): Record<string, unknown>[] | null {
  if (Array.isArray(data)) return data.map((r) => (r !== null && typeof r === 'object' ? r : { value: r }) as Record<string, unknown>);
  if (data === null || typeof data !== 'object') return null;
  const field = (data as Record<string, unknown>)[facts?.rows ?? 'items'];
  return Array.isArray(field) ? (field as Record<string, unknown>[]) : null;
}

function scalarFields(row: Record<string, unknown>): string[] {
  return Object.keys(row).filter((k) => row[k] === null || typeof row[k] !== 'object').slice(0, 8);
}

/** A dotted path into a row (`host.name`). */
function pick(row: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), row);
}

const STATUS_COLUMNS = /(^|\.)(status|status_name|stage|state|tree_state|outcome|active|ok|enabled)$/;
// Each with its own reset: cli-table3 measures single SGR codes, not combined ones such as `39;22`.
const ANSI = { green: ['\u001b[32m', '\u001b[39m'], red: ['\u001b[31m', '\u001b[39m'], yellow: ['\u001b[33m', '\u001b[39m'], dim: ['\u001b[2m', '\u001b[22m'] } as const;

/** Green for done and healthy, red for failed, yellow for in flight, dim for stopped. */
export function paintAs(colour: Colour, text: string): string {
  return `${ANSI[colour][0]}${text}${ANSI[colour][1]}`;
}

export type Colour = keyof typeof ANSI;

export function statusColour(value: string): Colour | null {
  if (/^(finished|done|started|enabled|trusted|true|succeeded|execution_succeeded|approved|fired)$/i.test(value)) return 'green';
  if (/(abnormal|fail|reject|mismatch|expired|unknown|timeout|aborted|false|missed)/i.test(value)) return 'red';
  if (/^(running|created|approving|wait_for_execution|executing|pending|skipped)$/i.test(value)) return 'yellow';
  if (/^(stopped|notenabled|cancelled|manualcancellation)$/i.test(value)) return 'dim';
  return null;
}

/** A table cell: text, and the colour it is painted in on a terminal. */
export type Cell = string | { readonly text: string; readonly colour: Colour };

function cell(column: string, value: unknown, colour: boolean): Cell {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const c = colour && STATUS_COLUMNS.test(column) ? statusColour(text) : null;
  return c ? { text, colour: c } : text;
}

const GAP = 2;
const MIN_WIDTH = 6;

const textOf = (c: Cell): string => (typeof c === 'string' ? c : c.text);

/**
 * kubectl-like: upper-case headers, no borders, widths fitted to the terminal (the widest columns give way first).
 * Cells are wrapped here, before painting, so that colour codes never count as width.
 */
export function renderTable(columns: readonly string[], rows: readonly (readonly Cell[])[], terminalWidth: number): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => longestLine(textOf(r[i]!)))));
  const budget = Math.max(terminalWidth - GAP * (columns.length - 1), MIN_WIDTH * columns.length);
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= MIN_WIDTH) break;
    widths[widest] = widths[widest]! - 1;
  }
  const table = new Table({
    head: columns.map((c) => c.toUpperCase().replace(/[._]/g, ' ')),
    colWidths: widths,
    chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: ' '.repeat(GAP) },
    style: { 'padding-left': 0, 'padding-right': 0, head: [], border: [], compact: true },
  });
  table.push(...rows.map((r) => r.map((c, i) => wrap(c, widths[i]!))));
  return table.toString().split('\n').map((l) => l.trimEnd()).join('\n');
}

function wrap(c: Cell, width: number): string {
  const lines = textOf(c).split('\n').flatMap((l) => (l.length <= width ? [l] : (l.match(new RegExp(`.{1,${width}}`, 'g')) ?? [''])));
  return lines.map((l) => (typeof c === 'string' ? l : paintAs(c.colour, l))).join('\n');
}

function longestLine(text: string): number {
  return Math.max(...text.split('\n').map((l) => l.length));
}
