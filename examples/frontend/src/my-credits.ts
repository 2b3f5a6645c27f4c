import { graphql } from './gql';
import { request } from './client';

/** A teacher's "my credits" page (我的学分): the cycle, what is left to earn, each year, and certificates. */
export const MyCreditsQuery = graphql(`
  query MyCredits {
    me {
      teacher {
        name
        school { name }
        creditAccount {
          cycleStartYear
          cycleEndYear
          required
          earned
          pending
          remaining
          onTrack
          complete
          byYear { year earned required met }
        }
        certificates { number kind status issuedOn }
      }
    }
  }
`);

export interface MyCreditsView {
  title: string;
  progress: string;
  years: string[];
  certificates: string[];
}

/** The screen's text, from the typed answer: every field used here is checked against the contract. */
export async function myCredits(endpoint: string, token: string): Promise<MyCreditsView | null> {
  const { me } = await request(endpoint, token, MyCreditsQuery);
  const teacher = me.teacher;
  if (!teacher) return null;
  const account = teacher.creditAccount;
  return {
    title: `${teacher.name} · ${teacher.school.name}`,
    progress: account
      ? `${account.cycleStartYear}–${account.cycleEndYear}: ${account.earned} of ${account.required} (${account.remaining} to go${account.onTrack ? ', on track' : ''}${account.complete ? ', complete' : ''}; ${account.pending} pending)`
      : 'no credit account',
    years: (account?.byYear ?? []).map((y) => `${y.year}: ${y.earned}${y.required === null || y.required === undefined ? '' : ` / ${y.required}`}${y.met ? ' ✓' : ''}`),
    certificates: (teacher.certificates ?? []).map((c) => `${c.number} ${c.kind} ${c.status} ${c.issuedOn}`),
  };
}
