import { randomUUID } from 'node:crypto';
import { type DataSource, IsNull } from 'typeorm';
import { assertManages, manages, outOfScope } from '../../kit/access';
import { isUniqueViolation, writeLock, inTransaction } from '../../kit/data-source';
import { once } from '../../kit/idempotency';
import type { Identity } from '../../kit/identity';
import { todayInChina } from '../../kit/date';
import { badInput, DomainError, ErrorCode, notFound } from '../../kit/errors';
import type { PlacementCorrectionInput, RegisterTeacherInput, TeachingStage, UpdateTeacherInput } from './__generated__/resolvers-types';
import { teacherOwner } from './access';
import { School, Teacher, TeacherIdempotencyKey, TeacherPlacement, TeacherPlacementChange } from './entities';
import { assertPlacementCorrection, assertPlacementStart, spliceCorrection, type PlacedPeriod } from './rules/placements';
import { parseCitizenId } from './rules/id-number';
import { maskIdNumber } from '../../standards/id-number';
import { statutoryRetirementDate } from './rules/retirement';
import { assertCareerDates, assertServing, assertStageFitsSchool, normalizeName, normalizePhone, normalizeSubject } from './rules/teacher-record';


/**
 * The refusal of a registration whose 身份证号 is taken: TEACHER_ALREADY_REGISTERED to a caller who
 * manages that teacher; to anyone else the very answer of registering into a school outside their
 * scope, so that the registry does not tell who is registered where (no existence oracle).
 */
function alreadyRegistered(identity: Identity, existing: Teacher): DomainError {
  if (!manages(identity, teacherOwner(existing))) return outOfScope(`A ${identity.role} caller may not ${REGISTER_ACTION} outside their own scope.`);
  return new DomainError(ErrorCode.Conflict, `A teacher with 身份证号 ${maskIdNumber(existing.idNumber)} is already registered.`, {
    field: 'idNumber',
    rule: 'TEACHER_ALREADY_REGISTERED',
  });
}

const REGISTER_ACTION = 'register teachers';

async function schoolOrFail(dataSource: DataSource, schoolId: string): Promise<School> {
  const school = await dataSource.getRepository(School).findOneBy({ id: schoolId });
  if (!school) throw badInput(`School ${schoolId} does not exist.`, { field: 'schoolId', rule: 'SCHOOL_NOT_FOUND' });
  return school;
}

async function teacherOrFail(dataSource: DataSource, id: string): Promise<Teacher> {
  const teacher = await dataSource.getRepository(Teacher).findOneBy({ id });
  if (!teacher) throw notFound('Teacher', id);
  return teacher;
}

/** An open placement of the teacher at their school from `from`. */
function newPlacement(teacher: Teacher, from: string): TeacherPlacement {
  return Object.assign(new TeacherPlacement(), { id: randomUUID(), teacherId: teacher.id, schoolId: teacher.schoolId, regionCode: teacher.regionCode, from, to: null });
}

/** 教师注册: validates the 身份证号 and the record, then stores one new teacher. */
export async function registerTeacher(dataSource: DataSource, identity: Identity, input: RegisterTeacherInput, idempotencyKey?: string | null): Promise<Teacher> {
  const today = todayInChina();
  const citizen = parseCitizenId(input.idNumber, today);
  const name = normalizeName(input.name);
  const phone = normalizePhone(input.phone);
  const subject = normalizeSubject(input.subject);
  const school = await schoolOrFail(dataSource, input.schoolId);
  assertManages(identity, { schoolId: school.id, regionCode: school.regionCode }, REGISTER_ACTION);
  assertStageFitsSchool(input.stage, school.type);
  const retirementDate = input.retirementDate ?? statutoryRetirementDate(citizen.birthDate, citizen.sex);
  assertCareerDates({ birthDate: citizen.birthDate, hireDate: input.hireDate, retirementDate, today });
  assertServing(retirementDate, today, Boolean(input.retirementDate));
  const placedSince = input.placedSince ?? today;
  assertPlacementStart(placedSince, input.hireDate, today);

  try {
    return await once(
      dataSource,
      { keys: TeacherIdempotencyKey, mutation: 'registerTeacher', identity, key: idempotencyKey, payload: input },
      async (manager) => {
        const existing = await manager.getRepository(Teacher).findOneBy({ idNumber: citizen.idNumber });
        if (existing) throw alreadyRegistered(identity, existing);
        const teacher = manager.getRepository(Teacher).create({
          id: randomUUID(),
          idNumber: citizen.idNumber,
          name,
          sex: citizen.sex,
          birthDate: citizen.birthDate,
          phone,
          schoolId: school.id,
          regionCode: school.regionCode,
          schoolCategory: school.category,
          stage: input.stage,
          subject,
          title: input.title ?? 'NONE',
          hireDate: input.hireDate,
          retirementDate,
        });
        await manager.getRepository(Teacher).insert(teacher);
        await manager.getRepository(TeacherPlacement).insert(newPlacement(teacher, placedSince));
        return teacher.id;
      },
      (id) => teacherOrFail(dataSource, id),
    );
  } catch (error) {
    // Two registrations of one person raced past the check above: the unique index decides.
    const winner = isUniqueViolation(error) ? await dataSource.getRepository(Teacher).findOneBy({ idNumber: citizen.idNumber }) : null;
    if (winner) throw alreadyRegistered(identity, winner);
    throw error;
  }
}

/** Changes the given fields of a teacher's record; the others keep their value. */
export async function updateTeacher(dataSource: DataSource, identity: Identity, id: string, input: UpdateTeacherInput): Promise<Teacher> {
  return inTransaction(dataSource, async (manager) => {
    const teacher = await manager.getRepository(Teacher).findOne({ where: { id }, lock: writeLock(dataSource) });
    if (!teacher) throw notFound('Teacher', id);
    assertManages(identity, teacherOwner(teacher), 'change teacher records');
    if (input.name !== undefined && input.name !== null) teacher.name = normalizeName(input.name);
    if (input.phone !== undefined) teacher.phone = normalizePhone(input.phone);
    if (input.subject !== undefined && input.subject !== null) teacher.subject = normalizeSubject(input.subject);
    if (input.title !== undefined && input.title !== null) teacher.title = input.title;
    if (input.hireDate !== undefined && input.hireDate !== null) teacher.hireDate = input.hireDate;
    if (input.retirementDate !== undefined && input.retirementDate !== null) teacher.retirementDate = input.retirementDate;
    if (input.stage !== undefined && input.stage !== null) {
      const school = await manager.getRepository(School).findOneByOrFail({ id: teacher.schoolId });
      assertStageFitsSchool(input.stage, school.type);
      teacher.stage = input.stage;
    }
    assertCareerDates({ ...teacher, today: todayInChina() });
    await manager.getRepository(Teacher).save(teacher);
    return teacher;
  });
}

/**
 * 调动: moves a teacher to another school, changing the stage when the new school needs it; the
 * current placement ends and the new one starts on the business day (China Standard Time).
 */
export async function transferTeacher(
  dataSource: DataSource,
  identity: Identity,
  id: string,
  schoolId: string,
  stage?: TeachingStage | null,
): Promise<Teacher> {
  return inTransaction(dataSource, async (manager) => {
    const teacher = await manager.getRepository(Teacher).findOne({ where: { id }, lock: writeLock(dataSource) });
    if (!teacher) throw notFound('Teacher', id);
    assertManages(identity, teacherOwner(teacher), 'transfer teachers');
    if (teacher.schoolId === schoolId) {
      throw badInput('The teacher already belongs to that school.', { field: 'schoolId', rule: 'SAME_SCHOOL' });
    }
    const school = await manager.getRepository(School).findOneBy({ id: schoolId });
    if (!school) throw badInput(`School ${schoolId} does not exist.`, { field: 'schoolId', rule: 'SCHOOL_NOT_FOUND' });
    assertManages(identity, { schoolId: school.id, regionCode: school.regionCode }, 'transfer teachers into a school');
    const newStage = stage ?? teacher.stage;
    assertStageFitsSchool(newStage, school.type);
    teacher.schoolId = school.id;
    teacher.regionCode = school.regionCode;
    teacher.schoolCategory = school.category;
    teacher.stage = newStage;
    await manager.getRepository(Teacher).save(teacher);
    const today = todayInChina();
    await manager.getRepository(TeacherPlacement).update({ teacherId: teacher.id, to: IsNull() }, { to: today });
    await manager.getRepository(TeacherPlacement).insert(newPlacement(teacher, today));
    return teacher;
  });
}

const periodOf = (p: PlacedPeriod): PlacedPeriod => ({ schoolId: p.schoolId, regionCode: p.regionCode, from: String(p.from).slice(0, 10), to: p.to === null ? null : String(p.to).slice(0, 10) });

/**
 * 任职经历更正: the county bureau of the teacher's county records where the teacher was placed over
 * a past period — an earlier school the registry never kept, or a period it kept wrong. The period
 * is spliced into the history (rules/placements `spliceCorrection`) after its rules pass, the
 * history rewritten and the correction audited with the history before and after, in one
 * transaction on the locked teacher row. Other slices read the corrected history from then on
 * (credits files a credit where `placementOn` says the teacher was on the day earned).
 */
export async function correctPlacement(
  dataSource: DataSource,
  identity: Identity,
  teacherId: string,
  input: PlacementCorrectionInput,
  idempotencyKey?: string | null,
): Promise<Teacher> {
  const reason = input.reason.trim();
  if (!reason) throw badInput('Say why the history is corrected (the notice, file or record it follows).', { field: 'reason', rule: 'REASON_REQUIRED' });
  const call = { keys: TeacherIdempotencyKey, mutation: 'correctPlacement', identity, key: idempotencyKey, payload: { teacherId, input } };
  return once(
    dataSource,
    call,
    async (manager) => {
      const teacher = await manager.getRepository(Teacher).findOne({ where: { id: teacherId }, lock: writeLock(dataSource) });
      if (!teacher) throw notFound('Teacher', teacherId);
      assertManages(identity, teacherOwner(teacher), 'correct placement histories');
      const school = await manager.getRepository(School).findOneBy({ id: input.schoolId });
      if (!school) throw badInput(`School ${input.schoolId} does not exist.`, { field: 'schoolId', rule: 'SCHOOL_NOT_FOUND' });
      const before = (await manager.getRepository(TeacherPlacement).find({ where: { teacherId }, order: { from: 'ASC', id: 'ASC' } })).map(periodOf);
      const correction = { schoolId: school.id, regionCode: school.regionCode, from: input.from, to: input.to };
      assertPlacementCorrection(before, correction, String(teacher.hireDate).slice(0, 10), todayInChina());
      const after = spliceCorrection(before, correction);
      await manager.getRepository(TeacherPlacement).delete({ teacherId });
      await manager.getRepository(TeacherPlacement).insert(after.map((p) => Object.assign(new TeacherPlacement(), { id: randomUUID(), teacherId, ...p })));
      const change = Object.assign(new TeacherPlacementChange(), {
        id: randomUUID(),
        teacherId,
        actorId: (identity.subject ?? identity.role).slice(0, 128),
        actorRole: identity.role,
        at: new Date().toISOString(),
        reason: reason.slice(0, 500),
        schoolId: school.id,
        from: input.from,
        to: input.to,
        before: JSON.stringify(before),
        after: JSON.stringify(after),
      });
      await manager.getRepository(TeacherPlacementChange).insert(change);
      return change.id;
    },
    () => teacherOrFail(dataSource, teacherId),
  );
}
