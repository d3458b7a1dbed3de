// CSV cells a spreadsheet will not run: a cell starting with = + - @ (or a tab or carriage
// return) is a formula to Excel and LibreOffice, so it gets a leading apostrophe (OWASP).
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
