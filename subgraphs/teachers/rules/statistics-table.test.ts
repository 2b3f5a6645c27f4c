import { checkStatisticsTable, discrepancyKey, type CountColumn, type TableRow } from './statistics-table';

function row(n: number, code: string, name: string, values: [number, number, number, number, number, number]): TableRow {
  const columns: CountColumn[] = ['幼儿园', '中小学', '中职', '合计', '已培训', '未培训'];
  return { row: n, code, name, counts: Object.fromEntries(columns.map((c, i) => [c, values[i]])) as Record<CountColumn, number>, raw: {} };
}

const SICHUAN = { regionCode: '510000', codeExists: (code: string) => ['510100', '510300', '510400'].includes(code) };

describe('statistics table checks (Sichuan notice 省执行办 2017 第01号, 附件1)', () => {
  it("reports a 小计 that differs from its rows, as the notice's own 附件1 does (rows 488,756 trained, printed 488,957)", () => {
    // Sichuan notice, 附件1 (domain.md): "96,885 + 601,224 + 39,577 = 737,686 teachers; 488,957 trained (66.28 %)";
    // the rows of the printed table sum to 488,756 trained. Two rows carry those totals here.
    const rows = [
      row(3, '510100', '成都市', [50_000, 300_000, 20_000, 370_000, 250_000, 120_000]),
      row(4, '510300', '自贡市', [46_885, 301_224, 19_577, 367_686, 238_756, 128_930]),
      row(5, '', '小计', [96_885, 601_224, 39_577, 737_686, 488_957, 248_930]),
    ];
    const found = checkStatisticsTable(rows, SICHUAN);
    expect(found).toEqual([
      // The printed 小计 row is itself inconsistent: 488,957 + 248,930 ≠ 737,686.
      expect.objectContaining({ row: 5, column: '未培训', rule: 'TRAINED_PLUS_UNTRAINED_NOT_TOTAL', expected: 248_729, actual: 248_930 }),
      expect.objectContaining({ row: 5, column: '已培训', rule: 'SUBTOTAL_NOT_SUM', expected: 488_756, actual: 488_957 }),
    ]);
    expect(found.map(discrepancyKey)).toContain('5:已培训:SUBTOTAL_NOT_SUM');
  });

  it('finds nothing in a table that adds up', () => {
    const rows = [
      row(3, '510100', '成都市', [10, 80, 10, 100, 60, 40]),
      row(4, '510300', '自贡市', [5, 40, 5, 50, 50, 0]),
      row(5, '', '合计', [15, 120, 15, 150, 110, 40]),
    ];
    expect(checkStatisticsTable(rows, SICHUAN)).toEqual([]);
  });

  it('checks parts against totals, trained + untrained, codes and repeated regions, by row and column', () => {
    const rows = [
      row(3, '510100', '成都市', [10, 80, 10, 101, 60, 41]),
      row(4, '510300', '自贡市', [5, 40, 5, 50, 30, 10]),
      row(5, '519900', '不存在', [1, 1, 1, 3, 3, 0]),
      row(6, '330100', '杭州市', [1, 1, 1, 3, 3, 0]),
      row(7, '510300', '自贡市', [5, 40, 5, 50, 50, 0]),
    ];
    const found = checkStatisticsTable(rows, SICHUAN).map((d) => `${d.row}:${d.column}:${d.rule}`);
    expect(found).toEqual([
      '3:合计:PARTS_NOT_TOTAL',
      '4:未培训:TRAINED_PLUS_UNTRAINED_NOT_TOTAL',
      '5:地区代码:CODE_UNKNOWN',
      '6:地区代码:CODE_UNKNOWN',
      '7:地区代码:CODE_REPEATED',
    ]);
  });

  it('refuses a region outside the table and a cell that is not a count', () => {
    const outside = { ...SICHUAN, regionCode: '510100', codeExists: () => true };
    const bad = row(3, '510300', '自贡市', [5, 40, 5, 50, 50, 0]);
    bad.counts['中职'] = null;
    bad.raw['中职'] = '约5';
    const found = checkStatisticsTable([bad], outside);
    expect(found.map((d) => d.rule)).toEqual(['NOT_A_COUNT', 'CODE_OUTSIDE_REGION']);
    expect(found[0].message).toContain('约5');
  });
});
