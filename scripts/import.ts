/**
 * Imports a legacy platform's file into a subgraph's database.
 *
 *   npm run import -- credits FILE.xlsx|FILE.csv [--all-or-nothing]
 *
 *   npm run import -- credits FILE --skip-teacher-check      (no registry at hand; says so)
 *
 * Uses CREDITS_DATABASE_URL / DATABASE_URL (else the embedded SQLite file), runs as the
 * system (imports), prints progress on stderr and the row-level report on stdout.
 * Every row's teacher and 身份证号 are checked against the registry through the graph:
 * CREDITS_GRAPH_URL and CREDITS_GRAPH_TOKEN when set, else the local `npm start`
 * gateway with a development service token for credits. Exit code 1 when any row was rejected.
 */
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { creditsSubgraph } from '../subgraphs/credits';
import { importCreditFile } from '../subgraphs/credits/import';
import { graphAccess, graphAccessFromEnv, type TeacherDirectory } from '../subgraphs/credits/graph-access';
import { createDataSource, databaseUrlFromEnv, openDataSource } from '../kit/data-source';
import { serviceToken } from './token';

const LOCAL_GATEWAY = 'http://localhost:4000/graphql';

async function teacherDirectory(skip: boolean): Promise<TeacherDirectory | null> {
  if (skip) {
    console.error('--skip-teacher-check: rows are NOT checked against the teacher registry.');
    return null;
  }
  return (graphAccessFromEnv() ?? graphAccess({ url: LOCAL_GATEWAY, token: await serviceToken('credits', 1) })).teachers;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'all-or-nothing': { type: 'boolean', default: false }, 'skip-teacher-check': { type: 'boolean', default: false } },
  });
  const [kind, file] = positionals;
  if (kind !== 'credits' || !file || positionals.length > 2) {
    console.error('usage: npm run import -- credits FILE.xlsx|FILE.csv [--all-or-nothing] [--skip-teacher-check]');
    return 2;
  }
  const { dataSource } = createDataSource({
    name: 'credits',
    entities: creditsSubgraph.entities,
    migrations: creditsSubgraph.migrations,
    url: databaseUrlFromEnv('credits'),
  });
  await openDataSource(dataSource);
  const started = Date.now();
  try {
    const report = await importCreditFile(
      dataSource,
      { role: 'SYSTEM', subject: `cli:import:${userInfo().username}` },
      { fileName: basename(file), path: file },
      {
        allOrNothing: values['all-or-nothing'],
        teachers: await teacherDirectory(values['skip-teacher-check']),
        onProgress: (p) => process.stderr.write(`\r${p.phase === 'read' ? 'validated' : 'stored'} ${p.rows}${p.total ? ` / ${p.total}` : ''} rows   `),
      },
    );
    process.stderr.write('\n');
    for (const e of report.errors) console.log(`row ${e.row}${e.column ? ` [${e.column}]` : ''} ${e.rule}: ${e.reason}`);
    console.log(
      `${report.rows} rows: ${report.imported} imported, ${report.alreadyImported} already imported, ${report.rejected} rejected` +
        `${report.rolledBack ? ' — all-or-nothing: nothing stored' : ''} (${Date.now() - started} ms)`,
    );
    return report.rejected > 0 ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
