import type { TrainingLevel, TrainingProjectStatus as ProjectStatus } from '../__generated__/resolvers-types';
import { ZHEJIANG_2020 as ZHEJIANG_2020_POLICY } from './policies';
import { termCalendar } from './policy';
import {
  allowedProjectActions,
  DRAFT_PROJECT,
  enrolledMayWithdraw,
  reviewerLevelFor,
  submissionWindow,
  transitionProject,
  type ProjectAction,
  type ProjectState,
  type ProjectTransitionContext,
} from './project-workflow';
import { errorOf } from '../../../kit/testing';

const calendar = termCalendar(ZHEJIANG_2020_POLICY, '2020H1');


function state(status: ProjectStatus, overrides: Partial<ProjectState> = {}): ProjectState {
  return { ...DRAFT_PROJECT, status, ...overrides };
}

/** A provincial project; review actions by the province bureau unless told otherwise. */
function ctx(on: string, overrides: Partial<ProjectTransitionContext> = {}): ProjectTransitionContext {
  return { level: 'PROVINCIAL', calendar, on, bureau: 'PROVINCE', ...overrides };
}

describe('reviewer by project level', () => {
  it.each([
    ['NATIONAL', 'PROVINCE'],
    ['PROVINCIAL', 'PROVINCE'],
    ['CITY', 'CITY'],
    ['COUNTY', 'COUNTY'],
    ['SCHOOL', 'COUNTY'],
  ] as const)('a %s project is reviewed by the %s bureau', (level, bureau) => {
    expect(reviewerLevelFor(level)).toBe(bureau);
  });

  it('refuses a review by a bureau of another level or by an institution', () => {
    const byProvince = errorOf(() => transitionProject(state('SUBMITTED'), 'approve', ctx('2020-01-10', { level: 'CITY' })));
    expect(byProvince.extensions).toMatchObject({ code: 'WRONG_REVIEWER', reviewer: 'CITY', actor: 'PROVINCE' });
    expect(byProvince.message).toBe('A CITY project is reviewed and published by the CITY bureau, not by the PROVINCE bureau.');
    const byInstitution = errorOf(() => transitionProject(state('SUBMITTED'), 'reject', ctx('2020-01-10', { bureau: undefined, reason: 'x' })));
    expect(byInstitution.extensions).toMatchObject({ code: 'WRONG_REVIEWER', actor: 'INSTITUTION' });
  });

  it.each(['CITY', 'COUNTY', 'SCHOOL'] as const)('lets the right bureau review a %s project', (level: TrainingLevel) => {
    expect(transitionProject(state('SUBMITTED'), 'approve', ctx('2020-01-10', { level, bureau: reviewerLevelFor(level) })).status).toBe('APPROVED');
  });
});

describe('the happy path', () => {
  it('goes DRAFT → SUBMITTED → APPROVED → PUBLISHED → CLOSED', () => {
    const submitted = transitionProject(DRAFT_PROJECT, 'submit', ctx('2020-01-02', { bureau: undefined }));
    expect(submitted.status).toBe('SUBMITTED');
    const approved = transitionProject(submitted, 'approve', ctx('2020-01-10'));
    expect(approved.status).toBe('APPROVED');
    const published = transitionProject(approved, 'publish', ctx('2020-01-20'));
    expect(published.status).toBe('PUBLISHED');
    expect(transitionProject(published, 'close', ctx('2020-09-01', { bureau: undefined })).status).toBe('CLOSED');
  });
});

describe('submission', () => {
  it('happens in the declaration window, both ends included', () => {
    expect(transitionProject(DRAFT_PROJECT, 'submit', ctx('2019-12-26')).status).toBe('SUBMITTED');
    expect(transitionProject(DRAFT_PROJECT, 'submit', ctx('2020-01-07')).status).toBe('SUBMITTED');
    const late = errorOf(() => transitionProject(DRAFT_PROJECT, 'submit', ctx('2020-01-08')));
    expect(late.extensions).toMatchObject({ code: 'OUTSIDE_WINDOW', from: '2019-12-26', to: '2020-01-07', on: '2020-01-08' });
    expect(late.message).toContain('2019-12-26 to 2020-01-07');
    expect(errorOf(() => transitionProject(DRAFT_PROJECT, 'submit', ctx('2019-12-25'))).extensions.code).toBe('OUTSIDE_WINDOW');
  });

  it('of a rejected project (resubmission) stays open until the review window ends', () => {
    expect(submissionWindow(calendar, 'REJECTED')).toEqual({ from: '2019-12-26', to: '2020-01-17' });
    const rejected = state('REJECTED', { rejectionReason: 'Leader title too low' });
    expect(transitionProject(rejected, 'submit', ctx('2020-01-17')).status).toBe('SUBMITTED');
    expect(errorOf(() => transitionProject(rejected, 'submit', ctx('2020-01-18'))).extensions.code).toBe('OUTSIDE_WINDOW');
  });
});

describe('review', () => {
  it('happens in the review window, both ends included', () => {
    expect(transitionProject(state('SUBMITTED'), 'approve', ctx('2020-01-08')).status).toBe('APPROVED');
    expect(transitionProject(state('SUBMITTED'), 'approve', ctx('2020-01-17')).status).toBe('APPROVED');
    const early = errorOf(() => transitionProject(state('SUBMITTED'), 'approve', ctx('2020-01-07')));
    expect(early.extensions).toMatchObject({ code: 'OUTSIDE_WINDOW', from: '2020-01-08', to: '2020-01-17', on: '2020-01-07' });
    expect(errorOf(() => transitionProject(state('SUBMITTED'), 'reject', ctx('2020-01-18', { reason: 'late' }))).extensions.code).toBe(
      'OUTSIDE_WINDOW',
    );
  });

  it('rejects with a reason, kept for the institution', () => {
    const rejected = transitionProject(state('SUBMITTED'), 'reject', ctx('2020-01-09', { reason: '  Online share over 1/4  ' }));
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'Online share over 1/4' });
  });

  it('refuses a rejection without a reason', () => {
    for (const reason of [undefined, '', '   ']) {
      expect(errorOf(() => transitionProject(state('SUBMITTED'), 'reject', ctx('2020-01-09', { reason }))).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        rule: 'REASON_REQUIRED',
        field: 'reason',
      });
    }
  });

  it('clears an earlier rejection reason on approval', () => {
    expect(transitionProject(state('SUBMITTED', { rejectionReason: 'old' }), 'approve', ctx('2020-01-10')).rejectionReason).toBeNull();
  });
});

describe('publication', () => {
  it('happens on or after the publication date', () => {
    expect(transitionProject(state('APPROVED'), 'publish', ctx('2020-01-20')).status).toBe('PUBLISHED');
    expect(transitionProject(state('APPROVED'), 'publish', ctx('2020-02-29')).status).toBe('PUBLISHED');
    const early = errorOf(() => transitionProject(state('APPROVED'), 'publish', ctx('2020-01-19')));
    expect(early.extensions).toMatchObject({ code: 'OUTSIDE_WINDOW', from: '2020-01-20', on: '2020-01-19' });
    expect(early.message).toContain('2020-01-20');
  });
});

describe('changes after publication', () => {
  const published = state('PUBLISHED');

  it('keeps the project PUBLISHED with a change pending', () => {
    const pending = transitionProject(published, 'requestChange', ctx('2020-02-01', { bureau: undefined }));
    expect(pending).toMatchObject({ status: 'PUBLISHED', changePending: true, changeApprovedOn: null });
    expect(enrolledMayWithdraw(pending)).toBe(false);
  });

  it('lets enrolled teachers withdraw from the day the bureau approves the change', () => {
    const pending = state('PUBLISHED', { changePending: true });
    const approved = transitionProject(pending, 'approveChange', ctx('2020-02-03'));
    expect(approved).toMatchObject({ status: 'PUBLISHED', changePending: false, changeApprovedOn: '2020-02-03' });
    expect(enrolledMayWithdraw(approved)).toBe(true);
  });

  it('keeps the first approval date when a later change is approved', () => {
    const again = state('PUBLISHED', { changePending: true, changeApprovedOn: '2020-02-03' });
    expect(transitionProject(again, 'approveChange', ctx('2020-03-20')).changeApprovedOn).toBe('2020-02-03');
  });

  it('leaves the project as it was when the bureau rejects the change', () => {
    const rejected = transitionProject(state('PUBLISHED', { changePending: true }), 'rejectChange', ctx('2020-02-03'));
    expect(rejected).toMatchObject({ status: 'PUBLISHED', changePending: false, changeApprovedOn: null });
    expect(enrolledMayWithdraw(rejected)).toBe(false);
  });

  it('is decided by the reviewing bureau only', () => {
    expect(errorOf(() => transitionProject(state('PUBLISHED', { changePending: true }), 'approveChange', ctx('2020-02-03', { bureau: 'CITY' }))).extensions.code).toBe(
      'WRONG_REVIEWER',
    );
  });

  it('blocks closing and a second request while a change is pending', () => {
    const pending = state('PUBLISHED', { changePending: true });
    expect(allowedProjectActions(pending)).toEqual(['approveChange', 'rejectChange']);
    const error = errorOf(() => transitionProject(pending, 'close', ctx('2020-09-01')));
    expect(error.message).toBe('A PUBLISHED project with a change pending cannot be closed; allowed actions: approveChange, rejectChange.');
  });
});

describe('invalid transitions', () => {
  const everyAction: ProjectAction[] = ['submit', 'approve', 'reject', 'publish', 'requestChange', 'approveChange', 'rejectChange', 'close'];
  const allowed: Record<ProjectStatus, ProjectAction[]> = {
    DRAFT: ['submit'],
    SUBMITTED: ['approve', 'reject'],
    REJECTED: ['submit'],
    APPROVED: ['publish'],
    PUBLISHED: ['close', 'requestChange'],
    CLOSED: [],
  };

  it.each(Object.entries(allowed) as [ProjectStatus, ProjectAction[]][])('%s allows exactly %p', (status, actions) => {
    expect(allowedProjectActions(state(status))).toEqual(actions);
    for (const action of everyAction.filter((a) => !actions.includes(a))) {
      const error = errorOf(() => transitionProject(state(status), action, ctx('2020-01-10', { reason: 'r' })));
      expect(error.extensions).toMatchObject({ code: 'INVALID_TRANSITION', status, action, allowedActions: actions });
    }
  });

  it('names the status, the action and the allowed actions', () => {
    expect(errorOf(() => transitionProject(state('PUBLISHED'), 'approve', ctx('2020-01-10'))).message).toBe(
      'A PUBLISHED project cannot be approved; allowed actions: close, requestChange.',
    );
    expect(errorOf(() => transitionProject(state('CLOSED'), 'requestChange', ctx('2020-09-10'))).message).toBe(
      'A CLOSED project cannot have a change requested; allowed actions: none.',
    );
  });

  it('refuses a malformed date', () => {
    expect(errorOf(() => transitionProject(DRAFT_PROJECT, 'submit', ctx('2020-1-2'))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'DATE_FORMAT' });
  });
});
