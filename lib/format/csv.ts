import { stringify, type Options } from 'csv-stringify'

// A cell a spreadsheet would read as a formula (=, +, -, @) or whose leading tab / carriage return
// hides one. Such text gets a leading apostrophe, which spreadsheets show as text and do not run
// (OWASP "CSV injection"). Only strings: a number column keeps its negative numbers as numbers, so
// every writer passes numbers as JS numbers and only text that came from outside as strings.
const FORMULA_START = /^[=+\-@\t\r]/

export function neutraliseCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

// The one way the product writes CSV: csv-stringify with every string cell neutralised; numbers are
// written as they are (String(n): no exponent loss, negatives stay numbers).
export function csvStringifier(options: Omit<Options, 'cast'> = {}) {
  return stringify({ ...options, cast: { string: neutraliseCsvCell, number: (n) => String(n) } })
}
