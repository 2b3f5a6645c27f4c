import { passListRefusals, PLACEMENT_MISMATCH, UNKNOWN_TEACHER } from './registry-facts';

const registered = new Map([
  ['510104199001011234', { regionCode: '510104' }],
  ['510105198502022345', { regionCode: '510105' }],
  ['330106198003033456', { regionCode: '330106' }],
]);
const inSichuan = (placement: { regionCode: string }) => placement.regionCode.startsWith('51');

describe('a pass list against the registry', () => {
  it('takes rows whose teacher the registry places in the county named', () => {
    const rows = [
      { row: 2, idNumber: '510104199001011234', regionCode: '510104' },
      { row: 3, idNumber: '510105198502022345', regionCode: '510105' },
    ];
    expect(passListRefusals(rows, registered, inSichuan)).toEqual([]);
  });

  it('refuses every row with another county or an unknown number, in sheet order, naming the column', () => {
    const rows = [
      { row: 2, idNumber: '510104199001011234', regionCode: '510105' },
      { row: 3, idNumber: '510101199909099999', regionCode: '510104' },
      { row: 4, idNumber: '510105198502022345', regionCode: '510105' },
    ];
    expect(passListRefusals(rows, registered, inSichuan)).toEqual([
      { row: 2, column: '县区代码', rule: PLACEMENT_MISMATCH, reason: 'the registry places this teacher in county 510104, not 510105' },
      { row: 3, column: '身份证号', rule: UNKNOWN_TEACHER, reason: 'the registry has no teacher with this 身份证号 in your region' },
    ]);
  });

  it("answers a teacher placed outside the importer's region as unknown, never saying where", () => {
    const refusals = passListRefusals([{ row: 2, idNumber: '330106198003033456', regionCode: '510104' }], registered, inSichuan);
    expect(refusals).toEqual([{ row: 2, column: '身份证号', rule: UNKNOWN_TEACHER, reason: 'the registry has no teacher with this 身份证号 in your region' }]);
    expect(JSON.stringify(refusals)).not.toContain('330106');
  });
});
