import type { SeedStep } from './step';
export const teachingSteps: readonly SeedStep[] = [];
