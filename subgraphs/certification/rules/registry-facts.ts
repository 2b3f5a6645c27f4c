/**
 * A partner pass list (合作项目合格名单) names teachers by 身份证号 with the county (县区代码) the
 * partner says they teach in; the registry (teachers subgraph) owns both facts. A row is taken only
 * when the registry has a teacher with the number, in the importer's region, placed today in the
 * county the row names: the partner's county is its word, the registry's is the fact.
 */

/** The columns of a pass list, as its header row names them. */
export const PASS_LIST_COLUMNS = { name: '姓名', idNumber: '身份证号', regionCode: '县区代码', partnerCertificateNumber: '证书编号' } as const;

/** The whole list is refused when any row is: the code of that DomainError, its rows in `extensions.rows`. */
export const PASS_LIST_REGISTRY_MISMATCH = 'PASS_LIST_REGISTRY_MISMATCH';
/** The rule a write naming a teacher the registry does not have breaks (a pass-list row: no teacher with its 身份证号 in the importer's region). */
export const UNKNOWN_TEACHER = 'UNKNOWN_TEACHER';
/** The rule a write naming a school, county or category other than the registry's breaks (as credits' and training's). */
export const PLACEMENT_MISMATCH = 'PLACEMENT_MISMATCH';

/** What the check reads of a row: its sheet row number, 身份证号 and 县区代码. */
export interface PassListRowFacts {
  row: number;
  idNumber: string;
  regionCode: string;
}

/** The registry's teacher with a number: where it places them today. */
export interface RegisteredPlacement {
  regionCode: string;
}

/** A row refused: the sheet row, the column to fix, the rule, and why (never the number itself). */
export interface PassListRowRefusal {
  row: number;
  column: string;
  rule: string;
  reason: string;
}

/**
 * Every row the registry does not confirm, in sheet order. `registered` is the registry's answer
 * by 身份证号; `inScope` whether the importer manages a placement. A teacher placed outside the
 * importer's region is answered as no teacher at all, so an import cannot be used to learn where
 * someone else's teacher works.
 */
export function passListRefusals(
  rows: readonly PassListRowFacts[],
  registered: ReadonlyMap<string, RegisteredPlacement>,
  inScope: (placement: RegisteredPlacement) => boolean,
): PassListRowRefusal[] {
  const refusals: PassListRowRefusal[] = [];
  for (const { row, idNumber, regionCode } of rows) {
    const placed = registered.get(idNumber);
    if (!placed || !inScope(placed)) {
      refusals.push({ row, column: PASS_LIST_COLUMNS.idNumber, rule: UNKNOWN_TEACHER, reason: 'the registry has no teacher with this 身份证号 in your region' });
    } else if (placed.regionCode !== regionCode) {
      refusals.push({
        row,
        column: PASS_LIST_COLUMNS.regionCode,
        rule: PLACEMENT_MISMATCH,
        reason: `the registry places this teacher in county ${placed.regionCode}, not ${regionCode}`,
      });
    }
  }
  return refusals;
}
