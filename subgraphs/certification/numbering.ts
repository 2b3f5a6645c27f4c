import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../kit/data-source';
import { Certificate, CertificateSeries } from './entities';
import {
  MAX_SEQUENCE,
  certificateSeriesPrefix,
  formatCertificateNumber,
  nextSequence,
  type NumberKind,
} from './rules/certificate-number';

/**
 * Allocates the next number of a KIND-PROVINCE-YEAR series inside the caller's transaction.
 * `UPDATE … SET last_sequence = last_sequence + 1` takes the series row's write lock (MySQL) or the
 * database write lock (SQLite) until commit, so two issuers never get the same number and a
 * rolled-back issuance gives its number back. The first number of a series continues from numbers
 * already stored (seeded or imported); two issuers creating the same series race on the primary
 * key and the loser retries the update.
 */
export async function allocateNumber(manager: EntityManager, kind: NumberKind, provinceCode: string, year: number): Promise<string> {
  const prefix = certificateSeriesPrefix(kind, provinceCode, year);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const updated = await manager
      .createQueryBuilder()
      .update(CertificateSeries)
      .set({ lastSequence: () => 'last_sequence + 1' })
      .where('prefix = :prefix', { prefix })
      .execute();
    if (updated.affected) {
      const series = await manager.findOneByOrFail(CertificateSeries, { prefix });
      // Past the end: let the rule say so (CERTIFICATE_SEQUENCE_EXHAUSTED) and roll back.
      if (series.lastSequence > MAX_SEQUENCE) nextSequence(formatCertificateNumber({ kind, provinceCode, year, sequence: MAX_SEQUENCE }));
      return formatCertificateNumber({ kind, provinceCode, year, sequence: series.lastSequence });
    }
    const last = await manager
      .createQueryBuilder(Certificate, 'c')
      .select('MAX(c.number)', 'max')
      .where('c.number LIKE :pattern', { pattern: `${prefix}%` })
      .getRawOne<{ max: string | null }>();
    const sequence = nextSequence(last?.max ?? null);
    try {
      await manager.insert(CertificateSeries, { prefix, lastSequence: sequence });
      return formatCertificateNumber({ kind, provinceCode, year, sequence });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`Could not allocate a number in series ${prefix}`);
}
