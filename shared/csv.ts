/**
 * CSV as RFC 4180 writes it (CRLF rows; a field holding a comma, quote, CR or LF is quoted and its
 * quotes doubled), safe to open in a spreadsheet: a cell starting with = + - @ (or a tab or CR, which
 * some spreadsheets skip before one) is prefixed with ' so it is shown as text, never run as a formula.
 */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

/** Spreadsheets read a file as UTF-8 (names in Chinese, say) only when it starts with this mark. */
export const CSV_BOM = '\uFEFF';
