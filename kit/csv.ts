/**
 * RFC 4180 CSV, record by record: quoted fields may hold commas, quotes ("") and line
 * breaks. `line` is the 1-based line the record starts on, as a spreadsheet numbers
 * rows. A UTF-8 BOM (as Excel writes) is dropped. Generic: knows no domain.
 */
export function* parseCsv(text: string): Generator<{ line: number; cells: string[] }> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    for (;;) {
      if (text[i] === '"') {
        i += 1;
        for (;;) {
          if (i >= text.length) break;
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i += 1;
            break;
          }
          if (text[i] === '\n') line += 1;
          cell += text[i];
          i += 1;
        }
      }
      const next = text.slice(i).search(/[,\r\n]/);
      const end = next === -1 ? text.length : i + next;
      cell += text.slice(i, end);
      i = end;
      if (text[i] === ',') {
        cells.push(cell);
        cell = '';
        i += 1;
        continue;
      }
      cells.push(cell);
      if (text[i] === '\r') i += 1;
      if (text[i] === '\n') i += 1;
      line += 1;
      break;
    }
    yield { line: start, cells };
  }
}
