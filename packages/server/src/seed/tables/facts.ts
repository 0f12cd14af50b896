import { gateEntriesSql, networkSamplesSql, preparePeopleSlots, serviceRequestsSql } from './activity';
import { reimbursementClaims } from './finance';
import { libraryLoans, seatReservations } from './library';
import { researchProjects } from './research';
import type { SeedStep } from './step';

/** History of the live tables, drawn with the same SQL the live simulator appends with. */
const gateEntries: SeedStep = {
  table: 'gate_entries',
  async build({ connection, run, params }) {
    await preparePeopleSlots(connection);
    await run(gateEntriesSql(`${params.recentStart} 00:00:00`, 30 * 24, 3600, params.scale));
  },
};

const networkSamples: SeedStep = {
  table: 'network_samples',
  build: ({ run, params }) => run(networkSamplesSql(`${params.recentStart} 00:00:00`, 30 * 288)),
};

const serviceRequests: SeedStep = {
  table: 'service_requests',
  async build({ connection, run, params }) {
    await preparePeopleSlots(connection);
    const [from, now] = [`${params.historyStart} 00:00:00`, `${params.liveStart} 00:00:00`];
    await run(serviceRequestsSql(from, 730 * 24, 3600, params.scale, now));
  },
};

/** Fact tables in generation order. */
export const factSteps: readonly SeedStep[] = [
  libraryLoans,
  seatReservations,
  gateEntries,
  networkSamples,
  serviceRequests,
  reimbursementClaims,
  researchProjects,
];
