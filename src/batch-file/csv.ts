/**
 * CSV as RFC 4180 writes it: fields separated by commas, quoted with `"` when they hold a comma, a
 * quote or a line break, `""` for a quote inside quotes; CRLF or LF line ends. Small enough to own:
 * the batch file needs rows and their line numbers, nothing a CSV library's options would add.
 *
 * @module
 */

/** One record and the line of the file it starts on (1-based). */
export interface CsvRecord {
  /** The line the record starts on. */
  readonly line: number;
  /** Its fields, unquoted. */
  readonly fields: readonly string[];
}

/** A CSV text that cannot be read: an unclosed quote, or text after a closing quote. */
export interface CsvProblem {
  /** The line where it was found. */
  readonly line: number;
  /** What is wrong. */
  readonly message: string;
}

/** The records of `text` (blank lines skipped), or the first problem found. */
export function parseCsv(text: string): { readonly records: readonly CsvRecord[]; readonly problem: CsvProblem | undefined } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let afterQuote = false;
  const endRecord = () => {
    fields.push(field);
    // A line with nothing on it is not a record (a trailing newline, a blank line between rows).
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
        afterQuote = true;
      } else if (char === '\r' && text[index + 1] === '\n') {
        // A line break inside quotes, as spreadsheets write it (CRLF), is one newline of the value.
        field += '\n';
        line += 1;
        index += 1;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
      continue;
    }
    if (char === ',') {
      fields.push(field);
      field = '';
      afterQuote = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      endRecord();
      afterQuote = false;
      line += 1;
      recordLine = line;
    } else if (afterQuote) {
      return { records, problem: { line, message: `text after a closing quote (${JSON.stringify(char)}); a quote inside a quoted field is written ""` } };
    } else if (char === '"' && field === '') {
      quoted = true;
    } else {
      field += char;
    }
  }
  if (quoted) return { records, problem: { line: recordLine, message: 'a quoted field is never closed' } };
  endRecord();
  return { records, problem: undefined };
}
