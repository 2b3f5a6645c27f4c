import type { DataSource, EntityManager } from 'typeorm';
import { assertManages } from '../../kit/access';
import { parseIsoDate } from '../../kit/date';
import { badInput, notFound } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { isRegionCode } from '../../standards/region-code';
import type { ItCompletionProofInput } from './__generated__/resolvers-types';
import { CompletionProof, PreAssessment } from './entities';
import { checkProofRecording, type CompletionProofKind } from './rules/completion-proofs';
import { PROGRAMMES } from './rules/programmes';

/** The kinds of proof on record for a teacher's programme (for the completion rule). */
export async function proofKindsOf(manager: EntityManager, teacherId: string, programmeId: string): Promise<CompletionProofKind[]> {
  return (await manager.find(CompletionProof, { where: { teacherId, programmeId } })).map((p) => p.kind);
}

/**
 * Puts a completion proof on record (Ningde notice: 网络研修合格证明, 应用实践成果, 实践应用合格证明),
 * in the programme's order of things (rules/completion-proofs `checkProofRecording`); a proof of
 * a kind already on record replaces it.
 */
export async function recordCompletionProof(dataSource: DataSource, identity: Identity, input: ItCompletionProofInput): Promise<CompletionProof> {
  if (!isRegionCode(input.regionCode)) throw badInput(`"${input.regionCode}" is not a six-digit GB/T 2260 code.`, { field: 'regionCode', rule: 'REGION_CODE_FORMAT' });
  assertManages(identity, { regionCode: input.regionCode }, 'record a completion proof');
  const programme = PROGRAMMES.find((p) => p.id === input.programmeId);
  if (!programme) throw notFound('IT programme', input.programmeId);
  const provenOn = parseIsoDate(input.provenOn);
  const reference = input.reference.trim();
  if (reference === '') throw badInput('Give the proof\'s number or title, as printed or submitted.', { field: 'reference', rule: 'REQUIRED' });
  const manager = dataSource.manager;
  const [preAssessment, recorded] = await Promise.all([
    manager.findOneBy(PreAssessment, { teacherId: input.teacherId, programmeId: programme.id }),
    manager.find(CompletionProof, { where: { teacherId: input.teacherId, programmeId: programme.id } }),
  ]);
  checkProofRecording({ programme, kind: input.kind, provenOn, preAssessedOn: preAssessment?.assessedOn ?? null, recorded });
  const row: CompletionProof = {
    teacherId: input.teacherId,
    programmeId: programme.id,
    kind: input.kind,
    regionCode: input.regionCode,
    provenOn,
    reference,
    recordedBy: identity.subject,
  };
  await manager.getRepository(CompletionProof).save(row);
  return row;
}
