import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { tokenDefaults } from '../theme/tokens.js';
import { chartStyles } from './chart.styles.js';
import type { ChartHandle, ChartSpec } from './g2-renderer.js';

/**
 * @summary A chart drawn by G2 from a G2 options object. G2 is loaded when the first chart connects.
 *
 * @csspart base - The chart frame.
 * @csspart canvas - The element G2 draws into.
 * @csspart error - The message shown when the spec cannot be drawn.
 *
 * @cssprop --cc-chart-background - Frame background. Defaults to `--cc-color-surface`.
 * @cssprop --cc-chart-height - Height of the chart. Default 320px.
 */
export class Chart extends LitElement {
  static override styles = [tokenDefaults, chartStyles];

  /** G2 options (`type`, `data`, `encode`, …); as an attribute, JSON. Default: none. */
  @property({ type: Object }) spec: ChartSpec | undefined;

  @state() private drawError = '';

  @query('[part="canvas"]') private canvas!: HTMLElement;

  private handle: ChartHandle | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private size = { width: 0, height: 0 };
  private drawing: Promise<void> = Promise.resolve();

  /** Settles when the latest requested drawing is on the canvas. */
  get drawComplete(): Promise<void> {
    return this.updateComplete.then(() => this.drawing);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver ??= new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      if (width === this.size.width && height === this.size.height) return;
      this.size = { width, height };
      this.redraw();
    });
    if (this.hasUpdated) this.resizeObserver.observe(this.canvas);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.handle?.destroy();
    this.handle = undefined;
  }

  protected override firstUpdated(): void {
    // Measure now so the first drawing need not wait for the observer's first callback.
    const { width, height } = this.canvas.getBoundingClientRect();
    this.size = { width, height };
    this.resizeObserver?.observe(this.canvas);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('spec')) this.redraw();
  }

  /** One guarded redraw: serialised, skipped while detached or unsized. */
  private redraw(): void {
    this.drawing = this.drawing.then(async () => {
      const { width, height } = this.size;
      if (!this.isConnected || !this.spec || width === 0 || height === 0) return;
      try {
        if (!this.handle) {
          const { createChart } = await import('./g2-renderer.js');
          if (!this.isConnected) return;
          this.handle = createChart(this.canvas);
        }
        await this.handle.update(this.spec, width, height);
        this.drawError = '';
      } catch (error) {
        this.drawError = `图表无法绘制：${error instanceof Error ? error.message : String(error)}`;
      }
    });
  }

  protected override render() {
    return html`<div part="base">
      <div part="canvas"></div>
      ${this.drawError ? html`<div part="error" role="alert">${this.drawError}</div>` : nothing}
    </div>`;
  }
}
