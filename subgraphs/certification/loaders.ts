import { type DataSource, In } from 'typeorm';
import { compositeLoader, rowLoader } from '../shared/loaders';
import { Certificate } from './entities';

interface CertificatesOf {
  teacherId: string;
  kind: string | null;
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
  };
}

export type CertificationLoaders = ReturnType<typeof createLoaders>;
