import ExcelJS from 'exceljs';
import type { Identity } from '../kit/identity';
import { SICHUAN_BUREAU } from './support/auth';
import { startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';

/**
 * Issue 16, deliverable 5: a bureau files a statistics table (.xlsx in the Sichuan notice's 附件1
 * columns) through the gateway; every discrepancy comes back by row and column, and nothing is
 * stored unless the table is clean or the bureau accepts exactly the discrepancies reported.
 * Sichuan notice 省执行办 2017 第01号: the notice's own 附件1 rows sum to 488,756 trained, not the
 * printed 488,957 — the 小计 check is the one that catches it.
 */

const SUBMIT = /* GraphQL */ `
  mutation($input: SubmitStatisticsTableInput!) {
    submitStatisticsTable(input: $input) { stored tableId rows discrepancies { key row column rule expected actual message } }
  }
`;

type Line = [string, string, number, number, number, number, number, number];

async function table(lines: Line[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('附件1');
  sheet.addRow(['四川省中小学教师信息技术应用能力提升工程 培训情况统计表']);
  sheet.addRow(['地区代码', '市（州）/县（区）', '幼儿园', '中小学', '中职', '合计', '已培训', '未培训(下年任务)', '培训率(%)']);
  for (const line of lines) sheet.addRow(line);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

function ok<T = Record<string, any>>(result: GraphQLResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

describe('statistics intake through the gateway (MariaDB)', () => {
  let graph: TestGraph;
  let cities: { code: string; name: string }[];
  const stored = async () => Number((await graph.stores.teachers.dataSource.query('SELECT COUNT(*) AS n FROM statistics_table'))[0].n);

  beforeAll(async () => {
    graph = await startTestGraph('mariadb', { teachers: 30 });
    cities = graph.province.regions.filter((r) => r.level === 'CITY').slice(0, 2);
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('reports a 小计 that differs from the sum of its rows, by row and column, and stores nothing', async () => {
    const [a, b] = cities;
    // Rows 3 and 4 are the cities; row 5 is the 小计, whose 已培训 (488,957) is not the rows' 488,756.
    const xlsxBase64 = await table([
      [a.code, a.name, 50_000, 300_000, 20_000, 370_000, 250_000, 120_000],
      [b.code, b.name, 46_885, 301_224, 19_577, 367_686, 238_756, 128_930],
      ['', '小计', 96_885, 601_224, 39_577, 737_686, 488_957, 248_729],
    ]);
    const report = ok(await graph.query(SUBMIT, { input: { regionCode: '510000', year: 2017, xlsxBase64 } }, SICHUAN_BUREAU)).submitStatisticsTable;
    expect(report).toMatchObject({ stored: false, tableId: null, rows: 3 });
    expect(report.discrepancies).toEqual([
      {
        key: '5:已培训:SUBTOTAL_NOT_SUM',
        row: 5,
        column: '已培训',
        rule: 'SUBTOTAL_NOT_SUM',
        expected: 488_756,
        actual: 488_957,
        message: expect.stringContaining('488756'),
      },
      // 737,686 − 488,957 = 248,729 untrained as printed; the rows give 248,930.
      expect.objectContaining({ key: '5:未培训:SUBTOTAL_NOT_SUM', expected: 248_930, actual: 248_729 }),
    ]);
    expect(await stored()).toBe(0);

    // Accepting only part of what was found stores nothing; accepting exactly what was found stores the table.
    const wrong = ok(await graph.query(SUBMIT, { input: { regionCode: '510000', year: 2017, xlsxBase64, acceptedDiscrepancies: ['5:已培训:SUBTOTAL_NOT_SUM'] } }, SICHUAN_BUREAU));
    expect(wrong.submitStatisticsTable.stored).toBe(false);
    expect(await stored()).toBe(0);
    const accepted = ok(
      await graph.query(
        SUBMIT,
        { input: { regionCode: '510000', year: 2017, xlsxBase64, acceptedDiscrepancies: ['5:已培训:SUBTOTAL_NOT_SUM', '5:未培训:SUBTOTAL_NOT_SUM'] } },
        SICHUAN_BUREAU,
      ),
    ).submitStatisticsTable;
    expect(accepted).toMatchObject({ stored: true, tableId: expect.any(String) });
    expect(await stored()).toBe(1);
  });

  it('stores a clean table at once, and checks parts, trained + untrained and codes on every row', async () => {
    const [a, b] = cities;
    const clean = await table([
      [a.code, a.name, 10, 80, 10, 100, 60, 40],
      [b.code, b.name, 5, 40, 5, 50, 50, 0],
      ['', '合计', 15, 120, 15, 150, 110, 40],
    ]);
    expect(ok(await graph.query(SUBMIT, { input: { regionCode: '510000', year: 2017, content: clean } }, SICHUAN_BUREAU)).submitStatisticsTable).toMatchObject({
      stored: true,
      discrepancies: [],
    });
    const messy = await table([
      [a.code, a.name, 10, 80, 10, 101, 60, 41],
      [b.code, b.name, 5, 40, 5, 50, 30, 10],
      ['519999', '不存在', 1, 1, 1, 3, 3, 0],
    ]);
    const report = ok(await graph.query(SUBMIT, { input: { regionCode: '510000', year: 2017, xlsxBase64: messy } }, SICHUAN_BUREAU)).submitStatisticsTable;
    expect(report.discrepancies.map((d: { key: string }) => d.key)).toEqual(['3:合计:PARTS_NOT_TOTAL', '4:未培训:TRAINED_PLUS_UNTRAINED_NOT_TOTAL', '5:地区代码:CODE_UNKNOWN']);
    expect(report.stored).toBe(false);
  });

  it("refuses a bureau filing for another region, and a file that is not the notice's table", async () => {
    const chengdu: Identity = { role: 'CITY_BUREAU', subject: 'test-chengdu', regionCode: '510100' };
    const xlsxBase64 = await table([[cities[0].code, cities[0].name, 1, 1, 1, 3, 3, 0]]);
    const forbidden = await graph.query(SUBMIT, { input: { regionCode: '510000', year: 2017, xlsxBase64 } }, chengdu);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['姓名', '身份证号']);
    const other = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const refused = await graph.query(SUBMIT, { input: { regionCode: '510000', year: 2017, xlsxBase64: other } }, SICHUAN_BUREAU);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'STATISTICS_COLUMNS' });
  });
});
