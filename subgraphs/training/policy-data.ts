import { ZHEJIANG_2020_POLICY, type TermCalendar, type TrainingPolicy } from './rules/policy';

/**
 * The policy this subgraph enforces: Zhejiang's 2020 notice (the only province whose numbers
 * the domain brief gives as policy-notice values), shipped as the default.
 *
 * Terms: 2020H1 is the notice's own calendar. The other half-years repeat it (H1) or shift it
 * by six months (H2), exactly as the demo province's data does; those calendars are an
 * ASSUMPTION, unconfirmed by any notice, kept here as data so a province replaces them
 * without touching code.
 */
function repeatedTerm(year: number, half: 1 | 2): TermCalendar {
  const y = String(year);
  const prev = String(year - 1);
  return half === 1
    ? {
        term: `${y}H1`,
        declaration: { from: `${prev}-12-26`, to: `${y}-01-07` },
        review: { from: `${y}-01-08`, to: `${y}-01-17` },
        publishOn: `${y}-01-20`,
        schoolDataUpdate: { from: `${prev}-12-26`, to: `${y}-01-15` },
        selection: { round1: { from: `${y}-02-06`, to: `${y}-02-14` }, round2: { from: `${y}-02-26`, to: `${y}-03-01` } },
        training: { from: `${y}-03-09`, to: `${y}-08-31` },
      }
    : {
        term: `${y}H2`,
        declaration: { from: `${y}-06-26`, to: `${y}-07-07` },
        review: { from: `${y}-07-08`, to: `${y}-07-17` },
        publishOn: `${y}-07-20`,
        schoolDataUpdate: { from: `${y}-06-26`, to: `${y}-07-15` },
        selection: { round1: { from: `${y}-08-06`, to: `${y}-08-14` }, round2: { from: `${y}-08-26`, to: `${y}-09-01` } },
        training: { from: `${y}-09-09`, to: `${y}-12-31` },
      };
}

const ASSUMED_TERMS: Record<string, TermCalendar> = {};
for (let year = 2020; year <= 2030; year += 1) {
  for (const half of [1, 2] as const) {
    const calendar = repeatedTerm(year, half);
    ASSUMED_TERMS[calendar.term] = calendar;
  }
}

export const TRAINING_POLICY: TrainingPolicy = {
  ...ZHEJIANG_2020_POLICY,
  // The notice's own calendar wins over the assumed repetition.
  terms: { ...ASSUMED_TERMS, ...ZHEJIANG_2020_POLICY.terms },
};
