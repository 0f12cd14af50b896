/** Filter leaves in one field order, so the compiler and the builder write identical JSON text. */

import type { FilterCondition, FilterOperator, FilterValue, Granularity } from './ir.js';

/** A filter leaf with its fields in canonical order (`member`, `attribute`, `granularity`, `operator`, `values`). */
export function conditionOf(
  member: string,
  attribute: string | undefined,
  granularity: Granularity | undefined,
  operator: FilterOperator,
  values: FilterValue[] | undefined,
): FilterCondition {
  const condition: Record<string, unknown> = { member };
  if (attribute !== undefined) condition.attribute = attribute;
  if (granularity !== undefined) condition.granularity = granularity;
  condition.operator = operator;
  if (values !== undefined && values.length > 0) condition.values = values;
  return condition as unknown as FilterCondition;
}
