import { participationOf } from './participation';
import { errorOf } from '../../../kit/testing';

describe('participation (Sichuan notice 省执行办 2017 第01号)', () => {
  // domain.md: "Counties count each teacher as 未参训, 已参训 or 不合格; the notice's 已培训 counts
  // participation in 国培/省培/市培/县培 2014–2016 (partner programmes included), not certificates."
  it('counts 国培/省培/市培/县培 completions in the years asked, not 校本研修 nor other years', () => {
    expect(participationOf([{ status: 'COMPLETED', level: 'COUNTY', year: 2015 }], 2014, 2016)).toEqual({ status: 'TRAINED', completed: 1, failed: 0 });
    expect(participationOf([{ status: 'COMPLETED', level: 'SCHOOL', year: 2015 }], 2014, 2016).status).toBe('NOT_TRAINED');
    expect(participationOf([{ status: 'COMPLETED', level: 'NATIONAL', year: 2017 }], 2014, 2016).status).toBe('NOT_TRAINED');
  });

  it('is 不合格 when every counted class failed, 已参训 once one was completed', () => {
    expect(participationOf([{ status: 'FAILED', level: 'PROVINCIAL', year: 2016 }], 2014, 2016).status).toBe('FAILED');
    expect(
      participationOf(
        [
          { status: 'FAILED', level: 'PROVINCIAL', year: 2014 },
          { status: 'COMPLETED', level: 'CITY', year: 2016 },
        ],
        2014,
        2016,
      ),
    ).toEqual({ status: 'TRAINED', completed: 1, failed: 1 });
    expect(participationOf([{ status: 'CONFIRMED', level: 'CITY', year: 2016 }], 2014, 2016).status).toBe('NOT_TRAINED');
  });

  it('refuses years out of order', () => {
    expect(errorOf(() => participationOf([], 2016, 2014)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'YEAR_RANGE' });
  });
});
