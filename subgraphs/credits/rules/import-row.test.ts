import { NATIONAL_FALLBACK, SHIPPED_POLICIES } from './policies';
import { importKeyOf, mapHeader, placementOnDate, registryProblem, validateImportRow, type ImportColumn } from './import-row';
import { policyRulesOf } from './policy-record';
import { assertSourceForRole } from './registration';

const good: Record<ImportColumn, string> = {
  idNumber: '11010519491231002X',
  teacherId: 't1',
  schoolId: 's1',
  regionCode: '510104',
  schoolCategory: 'KINDERGARTEN',
  source: 'SCHOOL_BASED',
  category: 'SCHOOL_BASED',
  onlineHours: '0',
  offlineHours: '2.5',
  credits: '',
  earnedOn: '2024-03-01',
  status: '',
  trainingProjectId: '',
};
const context = { policies: SHIPPED_POLICIES, scopePrefix: null };
const validate = (extra: Partial<Record<ImportColumn, string>>) => validateImportRow((c) => ({ ...good, ...extra })[c], context);

describe('身份证号 check for imports', () => {
  it('accepts legacy 15-digit numbers and reports a wrong check character or length under ID_NUMBER_CHECKSUM, naming the expected character', () => {
    expect(validate({ idNumber: '110105491231002' }).problems).toEqual([]);
    expect(validate({ idNumber: '110105194912310021' }).problems).toEqual([
      { column: 'idNumber', rule: 'ID_NUMBER_CHECKSUM', reason: expect.stringMatching(/check character is 1 but the first 17 digits give X/) },
    ]);
    expect(validate({ idNumber: '1101051949' }).problems).toEqual([{ column: 'idNumber', rule: 'ID_NUMBER_CHECKSUM', reason: expect.stringMatching(/18 characters/) }]);
  });
});

describe('validateImportRow', () => {
  it('turns a good row into a record converted under the policy in force, with a deterministic key', () => {
    const result = validate({});
    expect(result.problems).toEqual([]);
    expect(result.row).toMatchObject({ creditsMilli: 2500, offlineHoursMilli: 2500, policyId: NATIONAL_FALLBACK.id, status: 'REGISTERED', schoolCategory: 'KINDERGARTEN' });
    expect(validate({}).row!.importKey).toBe(result.row!.importKey);
    expect(validate({ offlineHours: '2.6' }).row!.importKey).not.toBe(result.row!.importKey);
    expect(importKeyOf(result.row!)).toBe(result.row!.importKey);
  });

  it('reports every problem of a row, in column order', () => {
    const result = validate({ idNumber: '110105194912310021', regionCode: '5101', category: 'SPORTS', offlineHours: '-1', earnedOn: '2023-02-29' });
    expect(result.problems.map((p) => [p.column, p.rule])).toEqual([
      ['idNumber', 'ID_NUMBER_CHECKSUM'],
      ['regionCode', 'REGION_CODE_FORMAT'],
      ['category', 'CATEGORY_UNKNOWN'],
      ['offlineHours', 'HOURS_NEGATIVE'],
      ['earnedOn', 'DATE_FORMAT'],
    ]);
  });

  it('reports a conversion the policy cannot make (Jiangxi has no school-based ratio)', () => {
    const result = validate({ regionCode: '360102' });
    expect(result.problems).toEqual([expect.objectContaining({ rule: 'CONVERSION_UNCONFIRMED' })]);
    expect(validate({ regionCode: '360102', credits: '1' }).row!.creditsMilli).toBe(1000);
  });

  it('refuses rows outside the importing bureau and statuses that cannot be imported', () => {
    expect(validateImportRow((c) => good[c], { policies: SHIPPED_POLICIES, scopePrefix: '5105' }).problems[0].rule).toBe('OUT_OF_SCOPE');
    expect(validate({ status: 'REVOKED' }).problems[0].rule).toBe('STATUS_NOT_IMPORTABLE');
  });

  it('maps Chinese or English headers and lists missing required columns', () => {
    const { columns, missing } = mapHeader(['身份证号', 'Teacher ID', '学校ID', '区划代码', '来源', '学分类别', '获得日期']);
    expect(columns.get('teacherId')).toBe(1);
    expect(missing).toEqual([]);
    expect(mapHeader(['身份证号']).missing).toContain('earnedOn');
  });
});

describe('stored policies', () => {
  it('read back as the shipped rules', () => {
    for (const policy of SHIPPED_POLICIES) {
      const stored = JSON.parse(JSON.stringify({ ...policy, regionPrefix: policy.regionPrefix ?? null }));
      expect(policyRulesOf(stored)).toEqual(policy);
    }
  });

  it('read a row without rule data as allowing nothing and converting nothing', () => {
    const rules = policyRulesOf({ ...NATIONAL_FALLBACK, regionPrefix: null, conversions: null, roles: null, sources: null, specialShares: null, categoryCapsMilli: null, requiredPerCycleByGroupMilli: null });
    expect(rules.roles).toEqual({ register: [], review: [], verify: [] });
    expect(Object.values(rules.conversions).every((c) => c === null)).toBe(true);
  });
});

describe('sources a role registers', () => {
  it('limits schools to school-run credits and institutions to completions', () => {
    expect(() => assertSourceForRole('SCHOOL_ADMIN', 'SCHOOL_BASED')).not.toThrow();
    expect(() => assertSourceForRole('SCHOOL_ADMIN', 'DEGREE_STUDY')).toThrow(/registers only SCHOOL_BASED/);
    expect(() => assertSourceForRole('INSTITUTION', 'SCHOOL_BASED')).toThrow();
    expect(() => assertSourceForRole('SYSTEM', 'DEGREE_STUDY')).not.toThrow();
  });
});

describe('rows against the registry', () => {
  const registered = { idNumber: '11010519491231002X', schoolId: 's1', regionCode: '510104' };
  const row = { teacherId: 't1', schoolId: 's1', regionCode: '510104' };
  const anywhere = () => true;

  it('accepts the teacher’s own number, also in lower case or as the legacy 15 digits', () => {
    expect(registryProblem({ ...row, idNumber: '11010519491231002x' }, registered, anywhere)).toBeNull();
    expect(registryProblem({ ...row, idNumber: '110105491231002' }, registered, anywhere)).toBeNull();
  });

  it('answers an unknown teacher, an out-of-scope one and a wrong number alike (no ID oracle), without echoing the number', () => {
    const unknown = registryProblem({ ...row, teacherId: 'ghost', idNumber: '11010519491231002X' }, undefined, anywhere);
    const mismatch = registryProblem({ ...row, idNumber: '510104197001011234' }, registered, anywhere);
    const elsewhere = registryProblem({ ...row, idNumber: '11010519491231002X' }, registered, () => false);
    for (const problem of [unknown, mismatch, elsewhere]) expect(problem).toMatchObject({ column: 'teacherId', rule: 'TEACHER_NOT_MATCHED' });
    expect(mismatch!.reason).toBe(elsewhere!.reason);
    expect(mismatch!.reason).not.toContain('5101041970');
  });

  it('refuses a row filed under another school or county than the registry places the teacher in', () => {
    const idNumber = '11010519491231002X';
    expect(registryProblem({ ...row, idNumber, schoolId: 's2' }, registered, anywhere)).toMatchObject({ column: 'schoolId', rule: 'PLACEMENT_MISMATCH' });
    expect(registryProblem({ ...row, idNumber, regionCode: '511304' }, registered, anywhere)).toMatchObject({ column: 'regionCode', rule: 'PLACEMENT_MISMATCH' });
  });

  it('finds the placement on a date: from included, to excluded, none before the first; the current one without a history', () => {
    const current = { idNumber: 'n', schoolId: 's2', regionCode: '510105' };
    const history = [
      { schoolId: 's1', regionCode: '510104', from: '2010-09-01', to: '2024-07-01' },
      { schoolId: 's2', regionCode: '510105', from: '2024-07-01', to: null },
    ];
    expect(placementOnDate(current, history, '2024-06-30')).toMatchObject({ schoolId: 's1', regionCode: '510104' });
    expect(placementOnDate(current, history, '2024-07-01')).toMatchObject({ schoolId: 's2', regionCode: '510105' });
    expect(placementOnDate(current, history, '2010-08-31')).toBeNull();
    expect(placementOnDate(current, undefined, '2010-08-31')).toBe(current);
  });
});
