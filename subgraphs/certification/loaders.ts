import { type DataSource, In } from 'typeorm';
import DataLoader from 'dataloader';
import type { CertificateKind } from './__generated__/resolvers-types';
import { compositeLoader, rowLoader, tracedBatch } from '../../kit/loaders';
import { trainedByRegion } from './coverage';
import { Certificate, CompletionProof, PreAssessment, ProgrammeTarget } from './entities';

interface CertificatesOf {
  teacherId: string;
  kind: CertificateKind | null;
}

interface PreAssessmentOf {
  teacherId: string;
  programmeId: string;
}

export function createLoaders(dataSource: DataSource) {
  const certificates = dataSource.getRepository(Certificate);
  return {
    certificateByNumber: rowLoader((numbers: readonly string[]) => certificates.findBy({ number: In([...numbers]) }), (c) => c.number),
    replacementOf: rowLoader(
      (numbers: readonly string[]) => certificates.findBy({ replacesNumber: In([...numbers]) }),
      (c) => c.replacesNumber!,
    ),
    certificatesByTeacher: compositeLoader<CertificatesOf, Certificate[]>(async (keys) => {
      const byKey = new Map<string, Certificate[]>(keys.map((k) => [JSON.stringify(k), []]));
      for (const kind of new Set(keys.map((k) => k.kind))) {
        const teacherIds = keys.filter((k) => k.kind === kind).map((k) => k.teacherId);
        const rows = await certificates.find({
          where: { teacherId: In(teacherIds), ...(kind ? { kind } : {}) },
          order: { issuedOn: 'DESC', number: 'ASC' },
        });
        for (const row of rows) byKey.get(JSON.stringify({ teacherId: row.teacherId, kind }))?.push(row);
      }
      return keys.map((k) => byKey.get(JSON.stringify(k)) ?? []);
    }),
    /** Whether the pre-assessment is recorded, one query per batch. */
    preAssessmentDone: compositeLoader<PreAssessmentOf, boolean>(async (keys) => {
      const rows = await dataSource.getRepository(PreAssessment).findBy({ teacherId: In(keys.map((k) => k.teacherId)) });
      const done = new Set(rows.map((r) => `${r.teacherId}|${r.programmeId}`));
      return keys.map((k) => done.has(`${k.teacherId}|${k.programmeId}`));
    }),
    /** The completion proofs on record per teacher and programme, one query per batch. */
    proofsOf: compositeLoader<PreAssessmentOf, CompletionProof[]>(async (keys) => {
      const rows = await dataSource.getRepository(CompletionProof).find({ where: { teacherId: In(keys.map((k) => k.teacherId)) }, order: { provenOn: 'ASC' } });
      return keys.map((k) => rows.filter((r) => r.teacherId === k.teacherId && r.programmeId === k.programmeId));
    }),
    /** Trained teachers by category under each region code: one grouped query per batch. */
    trainedByRegion: new DataLoader(tracedBatch('trainedByRegion', (codes: readonly string[]) => trainedByRegion(dataSource, codes))),
    targetsByRegion: new DataLoader(
      tracedBatch('targetsByRegion', async (codes: readonly string[]) => {
        const rows = await dataSource.getRepository(ProgrammeTarget).find({ where: { regionCode: In([...codes]) }, order: { year: 'ASC' } });
        return codes.map((code) => rows.filter((r) => r.regionCode === code));
      }),
    ),
  };
}

export type CertificationLoaders = ReturnType<typeof createLoaders>;
