/**
 * CSV for spreadsheets (RFC 4180) that opens correctly in Excel and LibreOffice with Dutch
 * settings: UTF-8 with a byte-order mark (so accents survive), CRLF line ends, a semicolon as
 * separator by default (a Dutch Excel reads a comma as the decimal sign) and a comma offered,
 * decimals with a comma under the semicolon. Hostile text stays text: a cell that starts with
 * = + - @ (or a tab or carriage return) would be read as a formula, so it gets an apostrophe in
 * front (OWASP's advice for CSV injection).
 */

export const CSV_SEPARATORS = [';', ','] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, escaped and quoted as needed. */
export function csvCell(value: CsvValue, separator: CsvSeparator = ';'): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    text = String(value);
    if (separator === ';') text = text.replace('.', ',');
  } else if (typeof value === 'boolean') {
    text = value ? '1' : '0';
  } else {
    text = FORMULA_START.test(value) ? `'${value}` : value;
  }
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: a byte-order mark, the header row, the rows, each ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], separator: CsvSeparator = ';'): string {
  const line = (cells: readonly CsvValue[]) => cells.map((cell) => csvCell(cell, separator)).join(separator);
  return `\uFEFF${[line(header), ...rows.map(line)].join('\r\n')}\r\n`;
}

/** A time as a spreadsheet reads it (local time, ISO order: every locale's Excel parses it). */
export function csvDateTime(at: number | null | undefined): string {
  if (at === null || at === undefined) return '';
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function csvDate(at: number | null | undefined): string {
  return csvDateTime(at).slice(0, 10);
}

/** A stored value as a cell value: text, numbers and booleans as they are, anything else as JSON. */
export function csvValueOf(value: unknown): CsvValue {
  if (
    value === null ||
    value === undefined ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  )
    return value;
  return JSON.stringify(value);
}
