import { gatewayHeaders, SYSTEM } from './support/auth';
import { BACKENDS, DEFINITIONS, post, startTestGraph, type TestGraph } from './support/graph';

/**
 * Each subgraph resolves its entities through `_entities`, as the gateway calls it:
 * in the order asked, with null for unknown keys, in one batched call.
 */
describe.each(BACKENDS)('_entities on every subgraph (%s)', (backend) => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await startTestGraph(backend, { teachers: 120 });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  async function entities(subgraph: keyof typeof DEFINITIONS, representations: object[], selection: string) {
    const before = graph.stores[subgraph].counter.total;
    const result = await post(
      graph.subgraphs[subgraph].url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
      { r: representations },
      await gatewayHeaders(SYSTEM),
    );
    expect(result.errors).toBeUndefined();
    return { list: result.data!._entities as any[], statements: graph.stores[subgraph].counter.total - before };
  }

  it('teachers: Teacher by id and by 身份证号, School, Region', async () => {
    const [a, b] = graph.province.teachers;
    const { list, statements } = await entities(
      'teachers',
      [
        { __typename: 'Teacher', id: b.id },
        { __typename: 'Teacher', id: 'no-such-teacher' },
        { __typename: 'Teacher', id: a.id },
      ],
      '... on Teacher { id name }',
    );
    expect(list).toEqual([{ id: b.id, name: b.name }, null, { id: a.id, name: a.name }]);
    expect(statements).toBe(1);

    const byIdNumber = await entities('teachers', [{ __typename: 'Teacher', idNumber: a.idNumber }], '... on Teacher { id }');
    expect(byIdNumber.list).toEqual([{ id: a.id }]);

    const school = graph.province.schools[0];
    const places = await entities(
      'teachers',
      [
        { __typename: 'School', id: school.id },
        { __typename: 'Region', code: '510100' },
        { __typename: 'Region', code: '999999' },
      ],
      '... on School { name } ... on Region { name level }',
    );
    expect(places.list).toEqual([{ name: school.name }, { name: '成都市', level: 'CITY' }, null]);
  });

  it('training: Institution, TrainingProject, TrainingClass, Enrollment', async () => {
    const { institutions, projects, classes, enrollments } = graph.province;
    const { list } = await entities(
      'training',
      [
        { __typename: 'Enrollment', id: enrollments[0].id },
        { __typename: 'TrainingClass', id: classes[0].id },
        { __typename: 'TrainingProject', id: projects[0].id },
        { __typename: 'Institution', id: institutions[0].id },
        { __typename: 'TrainingProject', id: 'unknown' },
      ],
      '... on Enrollment { id } ... on TrainingClass { id } ... on TrainingProject { id } ... on Institution { id }',
    );
    expect(list).toEqual([
      { id: enrollments[0].id },
      { id: classes[0].id },
      { id: projects[0].id },
      { id: institutions[0].id },
      null,
    ]);
  });

  it('credits: CreditRecord in one statement for many keys', async () => {
    const records = graph.province.creditRecords.slice(0, 25);
    const { list, statements } = await entities(
      'credits',
      records.map((r) => ({ __typename: 'CreditRecord', id: r.id })),
      '... on CreditRecord { id credits }',
    );
    expect(list.map((r) => r.id)).toEqual(records.map((r) => r.id));
    expect(statements).toBe(1);
  });

  it('certification: Certificate by number', async () => {
    const [first] = graph.province.certificates;
    const { list } = await entities(
      'certification',
      [{ __typename: 'Certificate', number: 'NOPE' }, { __typename: 'Certificate', number: first.number }],
      '... on Certificate { number kind }',
    );
    expect(list).toEqual([null, { number: first.number, kind: first.kind }]);
  });
});
