import { parseIsoDate, type IsoDate } from '../../../kit/date';
import { badInput, DomainError } from '../../../kit/errors';
import type { BureauLevel, TrainingLevel, TrainingProjectStatus } from '../__generated__/resolvers-types';
import { describeWindow, isWithinWindow, type DateWindow, type TermCalendar } from './policy';

export type ProjectAction =
  | 'submit'
  | 'approve'
  | 'reject'
  | 'publish'
  | 'requestChange'
  | 'approveChange'
  | 'rejectChange'
  | 'close';

/**
 * Where a project stands. A change after publication does not leave PUBLISHED: it is a
 * pending request (变更申请) the bureau approves or rejects, recorded beside the status.
 */
export interface ProjectState {
  /** 培训项目 life cycle: DRAFT → SUBMITTED → APPROVED | REJECTED → PUBLISHED → CLOSED. */
  status: TrainingProjectStatus;
  /** A post-publication change waits for the bureau's decision. */
  changePending: boolean;
  /**
   * The day the bureau first approved a post-publication change. From that day on, enrolled
   * teachers may withdraw even after the institution confirmed them; a later approved
   * change keeps the first date, since the right to withdraw already exists.
   */
  changeApprovedOn: IsoDate | null;
  /** The bureau's reason for the last rejection of the declaration, shown to the institution. */
  rejectionReason: string | null;
}

export interface ProjectTransitionContext {
  /** The project's level decides which bureau reviews it. */
  level: TrainingLevel;
  calendar: TermCalendar;
  /** The day the action happens (China Standard Time). */
  on: IsoDate;
  /** The acting bureau's level, for review actions; institutions act without one. */
  bureau?: BureauLevel;
  /** Required, non-empty, for `reject`. */
  reason?: string;
}

/** A new declaration: nothing decided yet. */
export const DRAFT_PROJECT: ProjectState = { status: 'DRAFT', changePending: false, changeApprovedOn: null, rejectionReason: null };

/** 国培 and 省培 are reviewed by the province bureau, 市培 by the city, 县培 and 校本研修 by the county. */
export function reviewerLevelFor(level: TrainingLevel): BureauLevel {
  switch (level) {
    case 'NATIONAL':
    case 'PROVINCIAL':
      return 'PROVINCE';
    case 'CITY':
      return 'CITY';
    case 'COUNTY':
    case 'SCHOOL':
      return 'COUNTY';
  }
}

/** Actions a bureau takes; only the bureau of `reviewerLevelFor(level)` may take them. */
const REVIEW_ACTIONS: readonly ProjectAction[] = ['approve', 'reject', 'publish', 'approveChange', 'rejectChange'];

/**
 * Submitting a new declaration happens in the declaration window. A rejected project may be
 * edited and resubmitted until the review window ends: rejections only arrive once review has
 * begun (after the declaration window), and the bureau must still be able to review it in time.
 */
export function submissionWindow(calendar: TermCalendar, from: 'DRAFT' | 'REJECTED'): DateWindow {
  return from === 'DRAFT' ? calendar.declaration : { from: calendar.declaration.from, to: calendar.review.to };
}

/**
 * The actions open to a project in `state`. While a change is pending the bureau decides it
 * first, so the project cannot be closed or changed again until then.
 */
export function allowedProjectActions(state: ProjectState): readonly ProjectAction[] {
  switch (state.status) {
    case 'DRAFT':
      return ['submit'];
    case 'SUBMITTED':
      return ['approve', 'reject'];
    case 'REJECTED':
      return ['submit'];
    case 'APPROVED':
      return ['publish'];
    case 'PUBLISHED':
      return state.changePending ? ['approveChange', 'rejectChange'] : ['close', 'requestChange'];
    case 'CLOSED':
      return [];
  }
}

const ACTION_PHRASES: Readonly<Record<ProjectAction, string>> = {
  submit: 'be submitted',
  approve: 'be approved',
  reject: 'be rejected',
  publish: 'be published',
  requestChange: 'have a change requested',
  approveChange: 'have a change approved',
  rejectChange: 'have a change rejected',
  close: 'be closed',
};

/**
 * Applies `action` to a project and returns its new state, or throws: `INVALID_TRANSITION`
 * (naming the allowed actions), `OUTSIDE_WINDOW` (submission and review windows, publication
 * date), `WRONG_REVIEWER` (a bureau of another level), `BAD_USER_INPUT` rule `REASON_REQUIRED`.
 */
export function transitionProject(from: ProjectState, action: ProjectAction, ctx: ProjectTransitionContext): ProjectState {
  const allowed = allowedProjectActions(from);
  if (!allowed.includes(action)) {
    const state = from.changePending ? `${from.status} project with a change pending` : `${from.status} project`;
    throw new DomainError(
      'INVALID_TRANSITION',
      `A ${state} cannot ${ACTION_PHRASES[action]}; allowed actions: ${allowed.join(', ') || 'none'}.`,
      { rule: 'INVALID_TRANSITION', status: from.status, action, allowedActions: allowed },
    );
  }
  parseIsoDate(ctx.on);
  if (REVIEW_ACTIONS.includes(action)) assertReviewer(ctx);

  switch (action) {
    case 'submit':
      assertOnTime(submissionWindow(ctx.calendar, from.status === 'REJECTED' ? 'REJECTED' : 'DRAFT'), ctx.on, 'submit a declaration');
      return { ...from, status: 'SUBMITTED' };
    case 'approve':
      assertOnTime(ctx.calendar.review, ctx.on, 'review a declaration');
      return { ...from, status: 'APPROVED', rejectionReason: null };
    case 'reject':
      assertOnTime(ctx.calendar.review, ctx.on, 'review a declaration');
      return { ...from, status: 'REJECTED', rejectionReason: requireReason(ctx.reason) };
    case 'publish':
      if (ctx.on < ctx.calendar.publishOn) {
        throw new DomainError(
          'OUTSIDE_WINDOW',
          `Projects of term ${ctx.calendar.term} are published on or after ${ctx.calendar.publishOn}; today is ${ctx.on}.`,
          { rule: 'OUTSIDE_WINDOW', from: ctx.calendar.publishOn, on: ctx.on },
        );
      }
      return { ...from, status: 'PUBLISHED' };
    case 'requestChange':
      return { ...from, changePending: true };
    case 'approveChange':
      return { ...from, changePending: false, changeApprovedOn: from.changeApprovedOn ?? ctx.on };
    case 'rejectChange':
      return { ...from, changePending: false };
    case 'close':
      return { ...from, status: 'CLOSED' };
  }
}

/** Enrolled teachers may withdraw after confirmation once a post-publication change was approved. */
export function enrolledMayWithdraw(state: ProjectState): boolean {
  return state.changeApprovedOn !== null;
}

function assertReviewer(ctx: ProjectTransitionContext): void {
  const reviewer = reviewerLevelFor(ctx.level);
  if (ctx.bureau !== reviewer) {
    const actor = ctx.bureau ? `the ${ctx.bureau} bureau` : 'an institution';
    throw new DomainError(
      'WRONG_REVIEWER',
      `A ${ctx.level} project is reviewed and published by the ${reviewer} bureau, not by ${actor}.`,
      { rule: 'WRONG_REVIEWER', level: ctx.level, reviewer, actor: ctx.bureau ?? 'INSTITUTION' },
    );
  }
}

function assertOnTime(window: DateWindow, on: IsoDate, what: string): void {
  if (!isWithinWindow(window, on)) {
    throw new DomainError('OUTSIDE_WINDOW', `You can ${what} from ${describeWindow(window)}; today is ${on}.`, {
      rule: 'OUTSIDE_WINDOW',
      from: window.from,
      to: window.to,
      on,
    });
  }
}

function requireReason(reason: string | undefined): string {
  const trimmed = reason?.trim() ?? '';
  if (trimmed === '') {
    throw badInput('A rejection needs a reason the institution can act on.', { field: 'reason', rule: 'REASON_REQUIRED' });
  }
  return trimmed;
}
