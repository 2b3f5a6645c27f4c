import { feedbackRows, summaryRows, type EntryFacts } from './partner-tables';

/** Sichuan notice (省执行办 2017 第01号), as domain.md gives it: the summary sheet (附表) and the county feedback sheet. */
describe('partner-programme tables', () => {
  const lists = [
    { id: 'cm', programme: '中国移动', year: 2015 },
    { id: 'ct', programme: '中国电信', year: 2016 },
  ];
  const entry = (listId: string, position: number, regionCode: string, status: string): EntryFacts => ({
    listId,
    position,
    name: `教师${position}`,
    idNumber: `51010419800101${String(100 + position).padStart(3, '0')}X`,
    regionCode,
    status,
  });
  const entries = [
    entry('cm', 1, '510104', 'COUNTY_VERIFIED'),
    entry('cm', 2, '510104', 'LISTED'),
    entry('cm', 3, '510105', 'PROVINCE_APPROVED'),
    entry('ct', 1, '510104', 'COUNTY_REJECTED'),
    entry('cm', 4, '510104', 'CITY_AGGREGATED'),
  ];

  it('gives 分配人数 and 核实人数 per project, year and county (附表)', () => {
    // domain.md: "the summary sheet (附表) gives, per project, county and year 2014–2017, 分配人数 (passed, as sent down) and 核实人数 (verified)".
    expect(summaryRows(lists, entries)).toEqual([
      { programme: '中国电信', year: 2016, regionCode: '510104', allocated: 1, verified: 0 },
      { programme: '中国移动', year: 2015, regionCode: '510104', allocated: 3, verified: 2 },
      { programme: '中国移动', year: 2015, regionCode: '510105', allocated: 1, verified: 1 },
    ]);
  });

  it("keeps the list's order in the county's feedback sheet, appended rows last", () => {
    // domain.md: "The county's feedback sheet has 县(市、区), 年度, 序号, 教师姓名, 身份证号码, 联系电话, 所在学校, 备注, keeps the list's order and appends new rows".
    const rows = feedbackRows(lists[0], entries, '510104');
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[7]])).toEqual([
      ['510104', 2015, 1, '教师1', '已核实'],
      ['510104', 2015, 2, '教师2', ''],
      ['510104', 2015, 3, '教师4', '已核实'],
    ]);
  });
});
