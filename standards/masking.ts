/**
 * How a personal number is shown to a caller who may see the row but not the number whole
 * (graph-design: "masked by default, shown whole only to the teacher and to the offices
 * that manage that teacher"). One policy for every slice: the first three and the last four
 * characters stay readable, the rest is starred; a value under eight characters would show
 * most of itself that way, so it is starred whole.
 */
export function maskKeepingEnds(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  return maskKeepingEnds(phone);
}
