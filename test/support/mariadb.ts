import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

/** The MariaDB/MySQL server the integration tests use (`TEST_MYSQL_URL`, default: this machine's). */
export const TEST_MYSQL_SERVER = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/**
 * A fresh, empty database for one test file, dropped afterwards. A server that cannot
 * be reached fails the test run: a missing database is never a silent skip.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `tts_${label}_${randomBytes(4).toString('hex')}`;
  let connection;
  try {
    connection = await createConnection(TEST_MYSQL_SERVER);
  } catch (error) {
    throw new Error(
      `Cannot reach MariaDB/MySQL at ${TEST_MYSQL_SERVER} (${(error as Error).message}). ` +
        'Start it (e.g. `start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd`) or set TEST_MYSQL_URL.',
    );
  }
  await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.end();
  return {
    url: `${TEST_MYSQL_SERVER}/${name}`,
    drop: async () => {
      const c = await createConnection(TEST_MYSQL_SERVER);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}
