import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 证书: a certificate, keyed by its number. A reissued one points to the number it replaces. */
@Entity({ name: 'certificate' })
export class Certificate {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  number: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ name: 'teacher_id', type: 'varchar', length: 36 })
  teacherId: string;

  /** The holder's school and its region at issue: who sees the certificate. */
  @Column({ name: 'school_id', type: 'varchar', length: 36 })
  schoolId: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'varchar', length: 128 })
  issuer: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'replaces_number', type: 'varchar', length: 32, nullable: true, unique: true })
  replacesNumber: string | null;
}
