import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tableChecksums } from './checksum';
import { generateWarehouseFile } from './generate';
import { LiveSimulator, type LiveTick } from './simulator';

const SCALE = 0.02;
let instance: DuckDBInstance;
let reader: DuckDBConnection;
const simulators: LiveSimulator[] = [];

let directory: string;
let copies = 0;

/** A fresh copy of the seeded warehouse (generated once; the simulator changes it). */
async function seeded(): Promise<DuckDBInstance> {
  const copy = join(directory, `copy-${copies++}.duckdb`);
  copyFileSync(join(directory, 'seed.duckdb'), copy);
  return DuckDBInstance.create(copy);
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'campus-cockpit-simulator-'));
  await generateWarehouseFile({ out: join(directory, 'seed.duckdb'), scale: SCALE });
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function value(connection: DuckDBConnection, sql: string): Promise<number | string> {
  const result = (await connection.runAndReadAll(sql)).getRows()[0]![0];
  return typeof result === 'bigint' ? Number(result) : (result as number | string);
}

async function simulator(options: ConstructorParameters<typeof LiveSimulator>[1] = {}) {
  const created = new LiveSimulator(await instance.connect(), options);
  simulators.push(created);
  return created;
}

beforeEach(async () => {
  instance = await seeded();
  reader = await instance.connect();
});

afterEach(async () => {
  for (const running of simulators.splice(0)) await running.stop();
  instance.closeSync();
});

describe('LiveSimulator', () => {
  it('continues right after the history: the next 5 minutes of samples for every access point', async () => {
    const live = await simulator();
    const aps = await value(reader, 'SELECT count(*) FROM dim_access_point');
    const tick = (await live.tick())!;
    expect(tick.from).toBe('2026-11-26 00:00:00');
    expect(tick.to).toBe('2026-11-26 00:05:00');
    expect(tick.tables.network_samples.inserted).toBe(aps);
    expect(
      await value(
        reader,
        "SELECT count(*) FROM network_samples WHERE sample_time = TIMESTAMP '2026-11-26 00:00:00'",
      ),
    ).toBe(aps);
    expect(live.clock).toBe('2026-11-26 00:05:00');
  });

  it('appends gate entries and service requests inside the tick interval, with ids after the history', async () => {
    const live = await simulator({ stepMinutes: 60 });
    const [maxEntry, maxRequest] = [
      await value(reader, 'SELECT max(entry_id) FROM gate_entries'),
      await value(reader, 'SELECT max(request_id) FROM service_requests'),
    ];
    // Midnight to noon of a term Thursday: gates and service desks get busy from 07:00.
    for (let hour = 0; hour < 12; hour++) await live.tick();
    const entries = await value(
      reader,
      `SELECT count(*) FROM gate_entries WHERE entry_id > ${maxEntry} AND entry_time >= TIMESTAMP '2026-11-26 00:00:00' AND entry_time < TIMESTAMP '2026-11-26 12:00:00'`,
    );
    expect(entries).toBe(
      ((await value(reader, 'SELECT count(*) FROM gate_entries')) as number) - (maxEntry as number),
    );
    expect(entries).toBeGreaterThan(0);
    expect(
      await value(reader, `SELECT count(*) FROM service_requests WHERE request_id > ${maxRequest}`),
    ).toBeGreaterThan(0);
    expect(
      await value(
        reader,
        `SELECT count(*) FROM service_requests WHERE request_id > ${maxRequest} AND submitted_at < TIMESTAMP '2026-11-26 00:00:00'`,
      ),
    ).toBe(0);
  });

  it('bumps the version of each live table and reports it to listeners', async () => {
    const seen: LiveTick[] = [];
    const live = await simulator({ onTick: (tick) => seen.push(tick) });
    const alsoSeen: number[] = [];
    const unsubscribe = live.subscribe((tick) => alsoSeen.push(tick.tick));
    await live.tick();
    unsubscribe();
    const second = (await live.tick())!;
    expect(seen.map((tick) => tick.tick)).toEqual([1, 2]);
    expect(alsoSeen).toEqual([1]);
    expect(second.tables.network_samples.version).toBe(3);
    expect(await value(reader, "SELECT version FROM table_versions WHERE table_name = 'gate_entries'")).toBe(
      3,
    );
    expect(await value(reader, "SELECT version FROM table_versions WHERE table_name = 'students'")).toBe(1);
    expect(
      await value(reader, "SELECT row_count FROM table_versions WHERE table_name = 'network_samples'"),
    ).toBe(second.tables.network_samples.rows);
  });

  it('completes service requests whose processing time has passed', async () => {
    const live = await simulator({ stepMinutes: 24 * 60 });
    const open = await value(reader, "SELECT count(*) FROM service_requests WHERE status = '办理中'");
    expect(open).toBeGreaterThan(0);
    const oldest = await value(
      reader,
      "SELECT min(request_id) FROM service_requests WHERE status = '办理中'",
    );
    for (let day = 0; day < 3; day++) await live.tick();
    expect(await value(reader, `SELECT status FROM service_requests WHERE request_id = ${oldest}`)).not.toBe(
      '办理中',
    );
    expect(
      await value(
        reader,
        "SELECT count(*) FROM service_requests WHERE status IN ('已办结', '已退回') AND completed_at IS NULL",
      ),
    ).toBe(0);
  });

  it('ticks on its own every interval once started, and stops', async () => {
    const ticks: LiveTick[] = [];
    let resolveTwo!: () => void;
    const two = new Promise<void>((resolve) => (resolveTwo = resolve));
    const live = await simulator({
      intervalMs: 20,
      onTick: (tick) => {
        ticks.push(tick);
        if (ticks.length === 2) resolveTwo();
      },
    });
    await live.start();
    expect(live.running).toBe(true);
    await two;
    await live.stop();
    expect(live.running).toBe(false);
    const stoppedAt = ticks.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(ticks.length).toBe(stoppedAt);
    expect(ticks[1]!.from).toBe(ticks[0]!.to);
  });

  it('produces the same rows from the same warehouse and ticks', async () => {
    const other = await seeded();
    try {
      const first = await simulator();
      const second = new LiveSimulator(await other.connect());
      for (let tick = 0; tick < 3; tick++) {
        await first.tick();
        await second.tick();
      }
      const tables = ['network_samples', 'gate_entries', 'service_requests', 'table_versions'];
      expect(await tableChecksums(await other.connect(), tables)).toEqual(
        await tableChecksums(reader, tables),
      );
    } finally {
      other.closeSync();
    }
  });

  it('follows the campus wall clock (UTC+8) when asked, adding only the time that has passed', async () => {
    let now = new Date('2026-11-25T16:12:30Z'); // 2026-11-26 00:12:30 in 丽水
    const live = await simulator({ clock: 'wall', now: () => now });
    const aps = await value(reader, 'SELECT count(*) FROM dim_access_point');
    const first = (await live.tick())!;
    expect([first.from, first.to]).toEqual(['2026-11-26 00:00:00', '2026-11-26 00:12:30']);
    expect(first.tables.network_samples.inserted).toBe(3 * (aps as number));
    expect(await live.tick()).toBeNull();
    now = new Date('2026-11-25T16:12:50Z');
    const second = (await live.tick())!;
    expect([second.from, second.to]).toEqual(['2026-11-26 00:12:30', '2026-11-26 00:12:50']);
    expect(second.tables.network_samples.inserted).toBe(0);
    expect(second.tables.gate_entries.version).toBe(3);
    expect(
      await value(
        reader,
        "SELECT count(*) FROM gate_entries WHERE entry_time >= TIMESTAMP '2026-11-26 00:12:50'",
      ),
    ).toBe(0);
  });

  it('catches up at most maxCatchUpMinutes of wall-clock time', async () => {
    const live = await simulator({
      clock: 'wall',
      maxCatchUpMinutes: 60,
      now: () => new Date('2026-11-28T02:00:00Z'), // 2026-11-28 10:00 in 丽水
    });
    const tick = (await live.tick())!;
    expect([tick.from, tick.to]).toEqual(['2026-11-28 09:00:00', '2026-11-28 10:00:00']);
    expect(tick.tables.network_samples.inserted).toBe(
      12 * ((await value(reader, 'SELECT count(*) FROM dim_access_point')) as number),
    );
  });

  it('waits while the data is ahead of the wall clock', async () => {
    const live = await simulator({ clock: 'wall', now: () => new Date('2026-11-25T12:00:00Z') });
    expect(await live.tick()).toBeNull();
    expect(
      await value(reader, "SELECT version FROM table_versions WHERE table_name = 'network_samples'"),
    ).toBe(1);
  });

  it('rejects intervals and steps it cannot honour', async () => {
    const connection = await instance.connect();
    expect(() => new LiveSimulator(connection, { intervalMs: 0 })).toThrow(/intervalMs 0 is invalid/);
    expect(() => new LiveSimulator(connection, { stepMinutes: 7 })).toThrow(/multiple of 5/);
    expect(() => new LiveSimulator(connection, { maxCatchUpMinutes: 1 })).toThrow(
      /maxCatchUpMinutes 1 is invalid/,
    );
    expect(() => new LiveSimulator(connection, { clock: 'sundial' as 'wall' })).toThrow(
      /clock "sundial" is invalid/,
    );
  });

  it('explains that an empty database needs seeding first', async () => {
    const empty = await DuckDBInstance.create(':memory:');
    try {
      const connection = await empty.connect();
      await connection.run('CREATE TABLE seed_metadata (seed INTEGER)');
      await expect(new LiveSimulator(connection).tick()).rejects.toThrow(
        /not a seeded warehouse \(missing table_versions, dim_access_point, .*\); generate it with `campus-cockpit seed` first/,
      );
    } finally {
      empty.closeSync();
    }
  });
});
