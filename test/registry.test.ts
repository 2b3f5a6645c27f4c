import { createDataSource } from '../kit/data-source';
import { todayInChina } from '../kit/date';
import { startSubgraph, type RunningSubgraph } from '../kit/subgraph';
import { teachersSubgraph } from '../subgraphs/teachers';
import { Region, School } from '../subgraphs/teachers/entities';
import { checkCharacter } from '../standards/id-number';
import { BACKENDS, post } from './support/http';
import { gatewayHeaders, SICHUAN_BUREAU, testGatewayKeys } from './support/auth';
import { createTestDatabase, type TestDatabase } from './support/mariadb';

/** The registry's mutations and their validation, on each storage backend, over HTTP. */
describe.each(BACKENDS)('teacher registry on %s', (backend) => {
  let database: TestDatabase | undefined;
  let subgraph: RunningSubgraph;
  const gql = async (query: string, variables: Record<string, unknown> = {}) =>
    post(subgraph.url, query, variables, await gatewayHeaders(SICHUAN_BUREAU));

  function idNumber(first17: string): string {
    return first17 + checkCharacter(first17);
  }

  beforeAll(async () => {
    database = backend === 'mariadb' ? await createTestDatabase('registry') : undefined;
    const store = createDataSource({
      name: 'teachers',
      entities: teachersSubgraph.entities,
      migrations: teachersSubgraph.migrations,
      url: database?.url ?? 'sqlite::memory:',
    });
    subgraph = await startSubgraph(teachersSubgraph, {
      port: 0,
      host: '127.0.0.1',
      store,
      gatewayPublicKey: (await testGatewayKeys()).publicKey,
    });
    await store.dataSource.getRepository(Region).insert([
      { code: '510000', name: '四川省', level: 'PROVINCE', parentCode: null, codeVersion: '2023' },
      { code: '510100', name: '成都市', level: 'CITY', parentCode: '510000', codeVersion: '2023' },
      { code: '510104', name: '锦江区', level: 'COUNTY', parentCode: '510100', codeVersion: '2023' },
      { code: '510700', name: '绵阳市', level: 'CITY', parentCode: '510000', codeVersion: '2023' },
      { code: '510703', name: '涪城区', level: 'COUNTY', parentCode: '510700', codeVersion: '2023' },
    ]);
    await store.dataSource.getRepository(School).insert([
      { id: 'school-primary', name: '锦江区第一小学', type: 'PRIMARY', category: 'PRIMARY_AND_SECONDARY', ownership: 'PUBLIC', rural: false, regionCode: '510104' },
      { id: 'school-kindergarten', name: '涪城区实验幼儿园', type: 'KINDERGARTEN', category: 'KINDERGARTEN', ownership: 'PRIVATE', rural: true, regionCode: '510703' },
      { id: 'school-nine-year', name: '涪城区九年一贯制学校', type: 'NINE_YEAR', category: 'PRIMARY_AND_SECONDARY', ownership: 'PUBLIC', rural: true, regionCode: '510703' },
    ]);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await subgraph?.dataSource.destroy();
    await database?.drop();
  });

  const REGISTER = `mutation($input: RegisterTeacherInput!) { registerTeacher(input: $input) { id name sex birthDate phone retirementDate school { id } } }`;
  const base = { name: '李明', schoolId: 'school-primary', stage: 'PRIMARY', subject: '数学', hireDate: '2015-09-01' };

  it('registers a teacher, deriving sex and birth date and the statutory retirement date', async () => {
    const result = await gql(REGISTER, { input: { ...base, idNumber: idNumber('51010419830615003'), phone: '138 1234 5678' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.registerTeacher).toMatchObject({
      sex: 'MALE',
      birthDate: '1983-06-15',
      phone: '13812345678',
      retirementDate: '2046-06-15',
      school: { id: 'school-primary' },
    });
    const placed = await gql(`query($id: ID!) { teacher(id: $id) { placements { school { id } from to } } }`, { id: result.data!.registerTeacher.id });
    expect(placed.data!.teacher.placements).toEqual([{ school: { id: 'school-primary' }, from: todayInChina(), to: null }]);
  });

  it('upgrades a 15-digit legacy number and refuses the same person twice', async () => {
    const legacy = await gql(REGISTER, { input: { ...base, idNumber: '510104760301004' } });
    expect(legacy.errors).toBeUndefined();
    expect(legacy.data!.registerTeacher.birthDate).toBe('1976-03-01');
    const again = await gql(REGISTER, { input: { ...base, idNumber: idNumber('51010419760301004') } });
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', rule: 'TEACHER_ALREADY_REGISTERED' });
  });

  it('answers a taken 身份证号 as TEACHER_ALREADY_REGISTERED only to a caller who manages that teacher; to others as any registration outside their scope (no oracle)', async () => {
    const taken = idNumber('51010419790505004');
    expect((await gql(REGISTER, { input: { ...base, idNumber: taken } })).errors).toBeUndefined();
    // The admin of a school in another county registers the same person at their own school.
    const otherAdmin = { role: 'SCHOOL_ADMIN' as const, subject: 'fucheng-admin', schoolId: 'school-nine-year', regionCode: '510703' };
    const asOther = async (input: Record<string, unknown>) => post(subgraph.url, REGISTER, { input }, await gatewayHeaders(otherAdmin));
    const duplicate = await asOther({ ...base, schoolId: 'school-nine-year', idNumber: taken });
    const outside = await asOther({ ...base, idNumber: idNumber('51010419790505012') });
    expect(outside.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'OUT_OF_SCOPE' });
    expect(duplicate.errors![0].extensions).toEqual(outside.errors![0].extensions);
    expect(duplicate.errors![0].message).toBe(outside.errors![0].message);
    const ownAdmin = { role: 'SCHOOL_ADMIN' as const, subject: 'jinjiang-admin', schoolId: 'school-primary', regionCode: '510104' };
    const byOwn = await post(subgraph.url, REGISTER, { input: { ...base, idNumber: taken } }, await gatewayHeaders(ownAdmin));
    expect(byOwn.errors![0].extensions).toMatchObject({ code: 'CONFLICT', rule: 'TEACHER_ALREADY_REGISTERED' });
  });

  it.each([
    ['a wrong check character', { idNumber: '510104198306150030' }, 'ID_NUMBER_CHECKSUM'],
    ['an impossible birth date', { idNumber: idNumber('51010419830230003') }, 'ID_NUMBER_BIRTH_DATE'],
    ['a stage the school does not have', { idNumber: idNumber('51010419900101005'), stage: 'KINDERGARTEN' }, 'STAGE_NOT_IN_SCHOOL'],
    ['an unknown school', { idNumber: idNumber('51010419900101005'), schoolId: 'nope' }, 'SCHOOL_NOT_FOUND'],
    ['a hire date before the 18th birthday', { idNumber: idNumber('51010419900101005'), hireDate: '2007-09-01' }, 'HIRE_DATE_TOO_EARLY'],
    ['a malformed phone', { idNumber: idNumber('51010419900101005'), phone: '12345' }, 'PHONE_FORMAT'],
    ['an empty name', { idNumber: idNumber('51010419900101005'), name: '   ' }, 'NAME_LENGTH'],
  ])('rejects %s with BAD_USER_INPUT and stores nothing', async (_label, override, rule) => {
    const before = await gql(`{ teachers { totalCount } }`);
    const result = await gql(REGISTER, { input: { ...base, ...override } });
    expect(result.data).toBeNull();
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule });
    const after = await gql(`{ teachers { totalCount } }`);
    expect(after.data!.teachers.totalCount).toBe(before.data!.teachers.totalCount);
  });

  it('updates only the fields given and validates them', async () => {
    const created = await gql(REGISTER, { input: { ...base, idNumber: idNumber('51010419881111002') } });
    const id = created.data!.registerTeacher.id;
    const updated = await gql(`mutation($id: ID!) { updateTeacher(id: $id, input: { title: INTERMEDIATE, subject: "英语" }) { name title subject } }`, { id });
    expect(updated.data!.updateTeacher).toEqual({ name: '李明', title: 'INTERMEDIATE', subject: '英语' });
    const bad = await gql(`mutation($id: ID!) { updateTeacher(id: $id, input: { retirementDate: "2001-01-01" }) { id } }`, { id });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'RETIREMENT_BEFORE_HIRE' });
    const reread = await gql(`query($id: ID!) { teacher(id: $id) { retirementDate subject } }`, { id });
    expect(reread.data!.teacher.subject).toBe('英语');
    expect(reread.data!.teacher.retirementDate).not.toBe('2001-01-01');
  });

  it('transfers a teacher, requiring a stage the new school has, and keeps the placement history', async () => {
    const created = await gql(REGISTER, { input: { ...base, idNumber: idNumber('51010419920202006'), placedSince: '2020-09-01' } });
    const id = created.data!.registerTeacher.id;
    const refused = await gql(`mutation($id: ID!) { transferTeacher(id: $id, schoolId: "school-kindergarten") { id } }`, { id });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'STAGE_NOT_IN_SCHOOL' });
    const moved = await gql(`mutation($id: ID!) { transferTeacher(id: $id, schoolId: "school-nine-year") { stage school { id region { code } } } }`, { id });
    expect(moved.data!.transferTeacher).toEqual({ stage: 'PRIMARY', school: { id: 'school-nine-year', region: { code: '510703' } } });

    // 任职经历: the refused transfer wrote nothing; the transfer closed the old placement on the business day.
    const today = todayInChina();
    const history = await gql(
      `query($id: ID!, $today: Date!) { teacher(id: $id) { placements { school { id } regionCode from to }
        before: placementOn(date: "2024-05-10") { school { id } } on: placementOn(date: $today) { school { id } } early: placementOn(date: "2020-08-31") { from } } }`,
      { id, today },
    );
    expect(history.errors).toBeUndefined();
    expect(history.data!.teacher).toEqual({
      placements: [
        { school: { id: 'school-primary' }, regionCode: '510104', from: '2020-09-01', to: today },
        { school: { id: 'school-nine-year' }, regionCode: '510703', from: today, to: null },
      ],
      before: { school: { id: 'school-primary' } },
      on: { school: { id: 'school-nine-year' } },
      early: null,
    });
    const future = await gql(REGISTER, { input: { ...base, idNumber: idNumber('51010419920202014'), placedSince: '2014-09-01' } });
    expect(future.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'PLACEMENT_START_OUT_OF_RANGE' });
    const missing = await gql(`mutation { transferTeacher(id: "nobody", schoolId: "school-primary") { id } }`);
    expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('filters by region subtree and by school type, and counts per region', async () => {
    const chengdu = await gql(`{ teachers(filter: { regionCode: "510100" }) { totalCount } mianyang: teachers(filter: { regionCode: "510700" }) { totalCount } }`);
    const all = await gql(`{ teachers { totalCount } region(code: "510000") { teacherCounts { total primaryAndSecondary kindergarten } } }`);
    expect(chengdu.data!.teachers.totalCount + chengdu.data!.mianyang.totalCount).toBe(all.data!.teachers.totalCount);
    expect(chengdu.data!.mianyang.totalCount).toBe(1);
    expect(all.data!.region.teacherCounts).toEqual({ total: all.data!.teachers.totalCount, primaryAndSecondary: all.data!.teachers.totalCount, kindergarten: 0 });
  });

  it('rejects a malformed region code in a filter', async () => {
    const result = await gql(`{ teachers(filter: { regionCode: "51' OR '1'='1" }) { totalCount } }`);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'REGION_CODE_FORMAT' });
  });

  it('treats LIKE wildcards in a name prefix as plain text', async () => {
    const result = await gql(`{ teachers(filter: { namePrefix: "%" }) { totalCount } }`);
    expect(result.data!.teachers.totalCount).toBe(0);
  });

  it('looks teachers up by a batch of ids, at most 100 at a time', async () => {
    const page = await gql(`{ teachers(first: 3) { nodes { id } } }`);
    const ids = page.data!.teachers.nodes.map((n: { id: string }) => n.id);
    const found = await gql(`query($ids: [ID!]) { teachers(filter: { ids: $ids }) { totalCount nodes { id } } }`, { ids: [...ids.slice(0, 2), 'nobody'] });
    expect(found.data!.teachers.nodes.map((n: { id: string }) => n.id).sort()).toEqual(ids.slice(0, 2).sort());
    const none = await gql(`{ teachers(filter: { ids: [] }) { totalCount } }`);
    expect(none.data!.teachers.totalCount).toBe(0);
    const tooMany = await gql(`query($ids: [ID!]) { teachers(filter: { ids: $ids }) { totalCount } }`, { ids: Array.from({ length: 101 }, (_, i) => `t${i}`) });
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'TOO_MANY_IDS' });
  });

  it('answers health and readiness probes', async () => {
    const base = subgraph.url.replace('/graphql', '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });
});
