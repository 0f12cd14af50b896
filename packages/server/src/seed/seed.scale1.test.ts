import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWarehouse, type SeedResult } from './generate';

let instance: DuckDBInstance;
let result: SeedResult;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  result = await seedWarehouse(await instance.connect(), { scale: 1 });
}, 180_000);

afterAll(() => instance.closeSync());

describe('the warehouse at scale 1', () => {
  const rows = (table: string) => result.tables.find((entry) => entry.table === table)?.rows ?? 0;

  it.each([
    ['students', 11_000, 13_500],
    ['staff', 1_000, 1_200],
    ['library_loans', 500_000, 700_000],
    ['network_samples', 3_000_000, 4_000_000],
    ['gate_entries', 500_000, 2_000_000],
    ['seat_reservations', 150_000, 500_000],
    ['service_requests', 80_000, 300_000],
    ['reimbursement_claims', 20_000, 100_000],
    ['research_projects', 1_000, 5_000],
    ['enrolments', 100_000, 400_000],
    ['admissions', 11_000, 14_000],
    ['dim_service_item', 80, 200],
  ] as const)('has a realistic number of %s (%i–%i)', (table, min, max) => {
    expect(rows(table)).toBeGreaterThanOrEqual(min);
    expect(rows(table)).toBeLessThanOrEqual(max);
  });
});
