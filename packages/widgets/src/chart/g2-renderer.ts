/**
 * The only module that touches G2. It is loaded on demand, so pages without a chart never download G2.
 * Only the components in g2-library.ts are registered (G2's root import weighs ~450 KB gzip).
 */
import { Runtime, extend } from '@antv/g2/esm/api/index';
import { campusLibrary } from './g2-library.js';

const Chart = extend(Runtime, campusLibrary() as Parameters<typeof extend>[1]);

/** G2 options object (`type`, `data`, `encode`, …) as documented by G2 5. */
export type ChartSpec = Record<string, unknown>;

/** A live chart in a container; redraw with new options or size, then destroy. */
export interface ChartHandle {
  update(spec: ChartSpec, width: number, height: number): Promise<void>;
  destroy(): void;
}

export function createChart(container: HTMLElement): ChartHandle {
  const chart = new Chart({ container, autoFit: false });
  let destroyed = false;
  return {
    async update(spec, width, height) {
      if (destroyed) return;
      chart.options({ ...spec, width, height, autoFit: false });
      await chart.render();
    },
    destroy() {
      destroyed = true;
      chart.destroy();
    },
  };
}
