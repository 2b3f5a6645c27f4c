import { hasValidCheckCharacter } from '../standards/id-number';
import { isProvinceCode, isRegionCode, parentRegionCode, provinceCodeOf } from '../standards/region-code';
import { generateDemoProvince } from '../scripts/demo-province';
import { generateProvinceSlices } from '../scripts/demo-slices';

/** Issue 16, deliverable 7: the Zhejiang, Jiangxi, Fujian (Ningde) and Hunan (Changsha) slices beside Sichuan. */
describe('demo province slices', () => {
  const slices = generateProvinceSlices();

  it('cover the four provinces with GB/T 2260 codes whose parents are in the slice', () => {
    const codes = new Set(slices.regions.map((r) => r.code));
    expect([...new Set(slices.regions.map((r) => provinceCodeOf(r.code)))].sort()).toEqual(['33', '35', '36', '43']);
    expect(['330106', '330702', '360102', '350900', '350902', '430100', '430102'].every((c) => codes.has(c))).toBe(true);
    for (const region of slices.regions) {
      expect(isRegionCode(region.code) && isProvinceCode(provinceCodeOf(region.code))).toBe(true);
      expect(region.parentCode).toBe(parentRegionCode(region.code));
      if (region.parentCode) expect(codes.has(region.parentCode)).toBe(true);
    }
    for (const row of [...slices.schools, ...slices.institutions]) expect(codes.has(row.regionCode)).toBe(true);
  });

  it('give every teacher a valid 身份证号 of their county, birth date and sex included, and unique ids', () => {
    const schools = new Map(slices.schools.map((s) => [s.id, s]));
    for (const t of slices.teachers) {
      expect(hasValidCheckCharacter(t.idNumber)).toBe(true);
      expect(t.idNumber.slice(0, 6)).toBe(schools.get(t.schoolId)!.regionCode);
      expect(t.idNumber.slice(6, 14)).toBe(t.birthDate.replace(/-/g, ''));
      expect(Number(t.idNumber[16]) % 2 === 1).toBe(t.sex === 'MALE');
    }
    const ids = [...slices.regions.map((r) => r.code), ...slices.schools.map((s) => s.id), ...slices.teachers.map((t) => t.id), ...slices.teachers.map((t) => t.idNumber)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('share no key with the Sichuan demo province, which they leave unchanged', () => {
    const sichuan = generateDemoProvince({ teachers: 200 });
    const keys = new Set([...sichuan.regions.map((r) => r.code), ...sichuan.schools.map((s) => s.id), ...sichuan.teachers.map((t) => t.id), ...sichuan.institutions.map((i) => i.id)]);
    expect([...slices.regions.map((r) => r.code), ...slices.schools.map((s) => s.id), ...slices.teachers.map((t) => t.id), ...slices.institutions.map((i) => i.id)].filter((k) => keys.has(k))).toEqual([]);
    expect(JSON.stringify(generateDemoProvince({ teachers: 200 }))).toBe(JSON.stringify(sichuan));
  });
});
