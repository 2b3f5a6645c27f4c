/**
 * Personal data is masked by default (graph-design: "masked by default, shown whole
 * only to the teacher and to the offices that manage that teacher").
 */

/** `11010519491231002X` → `110***********002X`: area prefix and last four stay readable. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 8) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 3) + '*'.repeat(idNumber.length - 7) + idNumber.slice(-4);
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}
