/** Training (培训项目): Institution, TrainingProject, TrainingClass, Enrollment. */
import { entityRule, hiddenRowRule, outsideProvince } from '../common';
import { ANONYMOUS, SYSTEM, expectError, type Rule } from '../kit';

export const trainingRules: Rule[] = [
  hiddenRowRule('training.hidden-row', (ctx) => ({
    read: 'query($key: ID!) { enrollment(id: $key) { id } }',
    field: 'enrollment',
    write: 'mutation($key: ID!) { reviewEnrollment(id: $key, approve: true) { id } }',
    known: ctx.fixtures.enrollments[0].id,
    unknown: 'conformance-no-such-enrollment',
    // A school admin, who reviews enrollments, of a school in another province.
    outsider: (c) => ({ role: 'SCHOOL_ADMIN', subject: 'conformance-outsider', schoolId: 'conformance-other-school', regionCode: `${outsideProvince(c)}0102` }),
  })),
  entityRule('entities.Institution', (ctx) => ({
    typename: 'Institution',
    selection: 'id name',
    known: ctx.fixtures.institutions.map((i) => ({ representation: { id: i.id }, expected: { id: i.id, name: i.name } })),
    unknown: { id: 'conformance-no-such-institution' },
  })),
  entityRule('entities.TrainingProject', (ctx) => ({
    typename: 'TrainingProject',
    selection: 'id title',
    known: ctx.fixtures.projects.map((p) => ({ representation: { id: p.id }, expected: { id: p.id, title: p.title } })),
    unknown: { id: 'conformance-no-such-project' },
  })),
  entityRule('entities.TrainingClass', (ctx) => ({
    typename: 'TrainingClass',
    selection: 'id name',
    known: ctx.fixtures.classes.map((c) => ({ representation: { id: c.id }, expected: { id: c.id, name: c.name } })),
    unknown: { id: 'conformance-no-such-class' },
  })),
  entityRule('entities.Enrollment', (ctx) => ({
    typename: 'Enrollment',
    selection: 'id',
    known: ctx.fixtures.enrollments.map((e) => ({ representation: { id: e.id }, expected: { id: e.id } })),
    unknown: { id: 'conformance-no-such-enrollment' },
  })),
  {
    id: 'training.page-size',
    title: 'a page larger than 100 is refused (BAD_USER_INPUT, rule PAGE_SIZE)',
    run: async (ctx) => {
      expectError(await ctx.call('{ trainingProjects(first: 101) { totalCount } }', {}, SYSTEM), 'BAD_USER_INPUT', 'trainingProjects(first: 101)', { rule: 'PAGE_SIZE' });
      return 'refused';
    },
  },
  {
    id: 'training.enrollment-scope',
    title: 'an anonymous caller reads no enrollment',
    run: async (ctx) => {
      const result = await ctx.call('query($id: ID!) { enrollment(id: $id) { id } }', { id: ctx.fixtures.enrollments[0].id }, ANONYMOUS);
      if (result.body.data?.enrollment) throw new Error(`an anonymous caller read enrollment ${ctx.fixtures.enrollments[0].id}.`);
      return 'hidden';
    },
  },
];
