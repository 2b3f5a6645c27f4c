import { dispatchOutcome } from './dispatch';

describe('dispatchOutcome (选派问责)', () => {
  it('counts finished dispatches against completions, leaving those in progress out of the rate', () => {
    const figures = dispatchOutcome({
      dispatched: 10,
      teachers: 7,
      byStatus: { COMPLETED: 3, FAILED: 1, WITHDRAWN: 1, SCHOOL_REJECTED: 1, DECLINED: 1, SELECTED: 1, SCHOOL_APPROVED: 1, CONFIRMED: 1 },
    });
    expect(figures).toEqual({
      dispatched: 10,
      teachers: 7,
      repeated: 3,
      completed: 3,
      failed: 1,
      withdrawn: 1,
      refused: 2,
      inProgress: 3,
      completionRate: 0.4286,
    });
  });

  it('has no rate while no dispatched teacher has finished', () => {
    expect(dispatchOutcome({ dispatched: 2, teachers: 2, byStatus: { CONFIRMED: 2 } }).completionRate).toBeNull();
  });
});
