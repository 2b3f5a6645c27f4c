import { parseCsv } from './csv';

const records = (text: string) => [...parseCsv(text)];

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks, numbering records by their first line', () => {
    expect(records('\ufeffa,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', 'z'] },
    ]);
  });

  it('keeps a line break written as CRLF inside quotes, and numbers the next record after it', () => {
    expect(records('"a\r\nb",c\r\nd,e')).toEqual([
      { line: 1, cells: ['a\r\nb', 'c'] },
      { line: 3, cells: ['d', 'e'] },
    ]);
  });

  it('keeps empty cells and reports a blank line as one empty cell (callers skip it)', () => {
    expect(records('a,,c\n\n,\n')).toEqual([
      { line: 1, cells: ['a', '', 'c'] },
      { line: 2, cells: [''] },
      { line: 3, cells: ['', ''] },
    ]);
  });

  it('reads the last record without a final line break, and nothing from an empty file or a lone BOM', () => {
    expect(records('a,b\nc,d')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', 'd'] },
    ]);
    expect(records('')).toEqual([]);
    expect(records('\ufeff')).toEqual([]);
  });

  it('leaves spaces, quotes inside a field and a BOM that is not at the start as they are (trimming is the caller’s choice)', () => {
    expect(records(' a , "b" ,c"d\n')).toEqual([{ line: 1, cells: [' a ', ' "b" ', 'c"d'] }]);
    expect(records('a,\ufeffb')).toEqual([{ line: 1, cells: ['a', '\ufeffb'] }]);
  });

  it('ends an unterminated quoted field at the end of the text instead of failing', () => {
    expect(records('a,"b,c\nd')).toEqual([{ line: 1, cells: ['a', 'b,c\nd'] }]);
  });
});
