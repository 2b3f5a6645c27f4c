/**
 * The explorer's tabs for `npm start`: an example operation for each kind of user over the demo
 * province, with the ids of its named rows (demo-showcase.ts). Each says which of the banner's
 * tokens to paste. test/readme.test.ts runs every one with that token.
 */
import type { ExplorerTab } from '../gateway/explorer';
import { SHOWCASE } from './demo-showcase';

export interface DemoTab extends ExplorerTab {
  /** The banner token the tab is written for (role alias of `npm run token`), or null: no token. */
  token: 'teacher' | 'school' | 'county' | 'city' | 'province' | 'institution' | 'analyst' | null;
}

export const DEMO_TABS: DemoTab[] = [
  {
    token: 'province',
    query: `# Teachers of Sichuan (510000) and of its cities.
# Paste a token above (npm start prints one per kind of user),
# then press Ctrl-Enter. The other tabs hold an example for each kind of user.
query RegionTeacherCounts {
  region(code: "510000") {
    name
    teacherCounts { kindergarten primaryAndSecondary vocational specialEducation total }
    children { code name teacherCounts { total } }
  }
}
`,
  },
  {
    token: 'teacher',
    query: `# A teacher's own page (paste the teacher token: ${SHOWCASE.teacher.name}).
query TeacherMyCredits {
  me {
    teacher {
      name
      school { name }
      creditAccount { cycleStartYear cycleEndYear required earned pending remaining onTrack byYear { year earned met } }
      certificates { number kind status issuedOn }
      enrollments { status trainingClass { name startsOn project { title } } }
    }
  }
}
`,
  },
  {
    token: 'teacher',
    query: `# Course selection (选课) as the teacher: the demo's clock is inside round 1 of term 2026H2.
mutation TeacherSelectClass($classId: ID!) {
  selectClass(classId: $classId) { id round status trainingClass { name seatsLeft } }
}
`,
    variables: JSON.stringify({ classId: SHOWCASE.secondClass.id }, null, 2),
  },
  {
    token: 'school',
    query: `# A school's review queue (paste the school token: ${SHOWCASE.school.name}).
query SchoolReviewQueue {
  me { school { name } }
  reviewQueue(first: 20) {
    totalCount
    nodes { id round needsSpecialAttention teacher { name subject } trainingClass { name startsOn project { title totalCredits } } }
  }
}
`,
  },
  {
    token: 'city',
    query: `# A bureau's view (paste the city bureau token: 成都市): credit compliance (学分达标) by county.
query BureauCompliance {
  me { region { code name } }
  region(code: "510100") {
    creditCompliance(year: 2026) { cycleStartYear cycleEndYear teachers meeting onTrack }
    children { name creditCompliance(year: 2026) { teachers meeting onTrack } }
  }
}
`,
  },
  {
    token: 'county',
    query: `# 选派问责 (paste the county bureau token: 锦江区): what became of the teachers each school dispatched.
query DispatchOutcomes {
  dispatchOutcomes(filter: { regionCode: "510104", from: "2020-01-01", to: "2026-12-31" }, first: 20) {
    pageInfo { hasNextPage endCursor }
    nodes { school { name } dispatched teachers repeated completed failed withdrawn refused inProgress completionRate }
  }
}
`,
  },
  {
    token: 'institution',
    query: `# A training institution's projects (paste the institution token).
query InstitutionProjects {
  me { institution { name projects { code title term status } } }
}
`,
  },
  {
    token: null,
    query: `# Anyone may check a certificate, with no token.
query VerifyCertificate {
  verifyCertificate(number: "${SHOWCASE.certificate.number}", name: "${SHOWCASE.certificate.holderName}") { result kind issuer issuedOn }
}
`,
  },
];
