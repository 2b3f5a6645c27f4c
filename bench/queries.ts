/**
 * The operations `npm run bench` sends. q1–q4 are the load tests of issue 7; the others
 * feed the SQL-per-request, aggregate and course-selection measurements.
 */

/** q1: one teacher by id; every field lives in the teachers subgraph (one subgraph fetch). */
export const Q1 = /* GraphQL */ `
  query Q1($id: ID!) {
    teacher(id: $id) { id name sex birthDate title subject hireDate retirementDate nearRetirement }
  }
`;

/** q1 as the teachers subgraph itself receives it from a gateway: the direct baseline. */
export const Q1_DIRECT = Q1;

/** q2: one teacher's whole record across all four subgraphs (the README's TeacherRecord). */
export const Q2 = /* GraphQL */ `
  query Q2($id: ID!) {
    teacher(id: $id) {
      name
      idCardNumber
      school { name type region { name parent { name } } }
      enrollments { status trainingClass { name startsOn project { title level totalCredits } } }
      creditAccount(year: 2024) { cycleStartYear cycleEndYear required earned pending remaining }
      certificates { number kind status issuedOn }
    }
  }
`;

/** q3: a page of teachers with school, credit account and certificates (and enrollments, so all four subgraphs are hit). */
export const Q3 = /* GraphQL */ `
  query Q3($first: Int!, $after: String) {
    teachers(first: $first, after: $after) {
      pageInfo { endCursor }
      edges {
        cursor
        node {
          id
          name
          school { name type region { name } }
          enrollments { status trainingClass { name } }
          creditAccount(year: 2024) { required earned pending remaining }
          certificates { number kind status }
        }
      }
    }
  }
`;

const COVERAGE_CELLS = 'total trained untrained rate';

/** q4: a city's IT-programme coverage table (幼儿园 / 中小学 / 中职 / all). */
export const Q4 = /* GraphQL */ `
  query Q4($code: ID!) {
    region(code: $code) {
      code
      name
      itProgramCoverage {
        kindergarten { ${COVERAGE_CELLS} }
        primaryAndSecondary { ${COVERAGE_CELLS} }
        vocational { ${COVERAGE_CELLS} }
        all { ${COVERAGE_CELLS} }
      }
    }
  }
`;

/** The province's coverage table: one row per city (21 in Sichuan). */
export const PROVINCE_COVERAGE = /* GraphQL */ `
  query ProvinceCoverage($code: ID!) {
    region(code: $code) {
      children {
        code
        name
        itProgramCoverage {
          kindergarten { total trained }
          primaryAndSecondary { total trained }
          vocational { total trained }
          all { total trained untrained rate }
        }
      }
    }
  }
`;

/** 学分达标: a region's credit compliance and that of each region below it (issue 5's aggregate in SQL). */
export const CREDIT_COMPLIANCE = /* GraphQL */ `
  query Compliance($code: ID!, $year: Int) {
    region(code: $code) {
      creditCompliance(year: $year) { teachers meeting onTrack }
      children { code creditCompliance(year: $year) { teachers meeting onTrack } }
    }
  }
`;

export const SELECT_CLASS = /* GraphQL */ `
  mutation Select($classId: ID!) { selectClass(classId: $classId) { id status } }
`;

/**
 * The same numbers as PROVINCE_COVERAGE in one hand-written statement over the same tables:
 * teachers per city and school category, and teachers holding an ISSUED IT completion
 * certificate per city and category (counted per county, then summed, as the subgraph does).
 * Standard SQL: runs on MySQL/MariaDB and on SQLite (with the tables attached under one name).
 */
export const PROVINCE_COVERAGE_SQL = `
  SELECT city, category, SUM(teachers) AS teachers, SUM(trained) AS trained FROM (
    SELECT SUBSTR(s.region_code, 1, 4) AS city, s.category AS category, COUNT(*) AS teachers, 0 AS trained
      FROM teacher t JOIN school s ON s.id = t.school_id
     WHERE s.region_code LIKE '51%'
     GROUP BY SUBSTR(s.region_code, 1, 4), s.category
    UNION ALL
    SELECT SUBSTR(region, 1, 4), category, 0, SUM(n) FROM (
      SELECT c.region_code AS region, c.school_category AS category, COUNT(DISTINCT c.teacher_id) AS n
        FROM certificate c
       WHERE c.kind = 'IT_CAPABILITY_COMPLETION' AND c.status = 'ISSUED' AND c.region_code LIKE '51%'
       GROUP BY c.region_code, c.school_category
    ) per_county
    GROUP BY SUBSTR(region, 1, 4), category
  ) x
  GROUP BY city, category
`;
