import { errorOf } from '../../../kit/testing';
import { addStamp, nextStampLevel, type Stamp } from './lost-certificate';

describe('lost-certificate explanation (Sichuan notice 省执行办 2017 第01号)', () => {
  // domain.md: "the teacher gets an explanation stamped level by level, gathered per city and sent to the province office".
  const stamp = (level: Stamp['level']): Stamp => ({ level, stampedBy: `${level}:test`, stampedOn: '2017-05-01' });

  it('is stamped county, then city, then province, and is then complete', () => {
    let stamps = addStamp([], stamp('COUNTY'));
    expect(nextStampLevel(stamps)).toBe('CITY');
    stamps = addStamp(stamps, stamp('CITY'));
    stamps = addStamp(stamps, stamp('PROVINCE'));
    expect(nextStampLevel(stamps)).toBeNull();
    expect(stamps.map((s) => s.level)).toEqual(['COUNTY', 'CITY', 'PROVINCE']);
  });

  it('refuses a level out of turn, and any stamp once complete', () => {
    expect(errorOf(() => addStamp([], stamp('CITY'))).extensions).toMatchObject({ code: 'STAMP_OUT_OF_ORDER', next: 'COUNTY' });
    const county = addStamp([], stamp('COUNTY'));
    expect(errorOf(() => addStamp(county, stamp('PROVINCE'))).extensions).toMatchObject({ code: 'STAMP_OUT_OF_ORDER', next: 'CITY' });
    const done = addStamp(addStamp(county, stamp('CITY')), stamp('PROVINCE'));
    expect(errorOf(() => addStamp(done, stamp('PROVINCE'))).extensions).toMatchObject({ code: 'STAMP_OUT_OF_ORDER', next: null });
  });
});
