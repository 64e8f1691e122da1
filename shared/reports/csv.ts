import Papa from 'papaparse';

/**
 * RFC 4180 CSV (Papa Parse does the quoting) for spreadsheets. A cell that a spreadsheet would run
 * as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe: an exported
 * resident name like "=HYPERLINK(…)" must stay text (CSV injection). A byte-order mark lets Excel
 * read UTF-8 names with accents correctly.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => neutralize(cell === null ? '' : String(cell))));
  return `\uFEFF${Papa.unparse(cells, { newline: '\r\n' })}\r\n`;
}

function neutralize(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
