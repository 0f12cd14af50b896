import type { SeedStep } from './step';
export const factSteps: readonly SeedStep[] = [];
