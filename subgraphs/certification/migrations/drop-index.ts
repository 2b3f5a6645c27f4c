import type { QueryRunner } from 'typeorm';

/** `DROP INDEX` for an index on `certificate` made with plain SQL: MySQL names the table, SQLite must not. */
export function dropCertificateIndex(queryRunner: QueryRunner, name: string): string {
  return queryRunner.connection.options.type === 'mysql' ? `DROP INDEX ${name} ON certificate` : `DROP INDEX ${name}`;
}
