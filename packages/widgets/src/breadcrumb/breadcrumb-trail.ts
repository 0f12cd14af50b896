import { ContextConsumer } from '@lit/context';
import { drillTrail, followDrillPath, type Source } from '@campus-cockpit/client';
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ChangeEvent } from '../events/cc-change.js';
import { sourceContext } from '../source/source-context.js';
import { tokenDefaults } from '../theme/tokens.js';
import { breadcrumbTrailStyles } from './breadcrumb-trail.styles.js';

/**
 * @summary Where a drill-down stands (全国 › 浙江省 › 杭州市), and the way back up.
 *
 * The drill path is a list of page parameters, one per level (`path="province,city,campus,building"`).
 * Selections set them (a map with `select-param="province"`); while the breadcrumb is on the page, setting a
 * level clears every deeper one. Clicking a crumb clears the levels below it; the first crumb clears all.
 *
 * @fires cc-change - After a click cleared a level (`detail.name` is the highest level cleared).
 *
 * @csspart base - The list of crumbs.
 * @csspart crumb - A crumb button; the last one also has `current`.
 * @csspart separator - The sign between crumbs.
 *
 * @cssprop --cc-breadcrumb-separator-color - Separator colour. Defaults to `--cc-color-muted`.
 * @cssprop --cc-breadcrumb-link-color - Colour of the crumbs one can go back to. Defaults to `--cc-color-accent`.
 */
export class BreadcrumbTrail extends LitElement {
  static override styles = [tokenDefaults, breadcrumbTrailStyles];

  /** The drill levels, comma-separated page parameter names, top first. Required. */
  @property({
    converter: {
      fromAttribute: (text: string | null) =>
        (text ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
    },
  })
  path: string[] = [];

  /** Label of the first crumb (no level chosen). Default `全部` (`All` in English). */
  @property({ attribute: 'root-label' }) rootLabel: string | undefined;

  // TypeScript `private`, not `#private`: esbuild lowers #members of decorated classes to WeakMap helpers.
  private readonly consumer = new ContextConsumer(this, {
    context: sourceContext,
    subscribe: true,
    callback: () => this.follow(),
  });
  private stop: (() => void) | undefined;
  private followed = '';
  private followedSource: Source | undefined;

  private get source(): Source | undefined {
    return this.consumer.value;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop?.();
    this.stop = undefined;
    this.followed = '';
    this.followedSource = undefined;
  }

  protected override willUpdate(): void {
    this.follow();
  }

  protected override render() {
    const source = this.source;
    if (!source) return nothing;
    const trail = drillTrail(source.params, this.path);
    const root = this.rootLabel ?? (source.locale === 'en' ? 'All' : '全部');
    const crumbs = [
      { label: root, keep: 0 },
      ...trail.map((level, i) => ({
        label: source.params.label(level) ?? String(source.params.get(level)),
        keep: i + 1,
      })),
    ];
    return html`<ol part="base" aria-label="breadcrumb">
      ${crumbs.map((crumb, i) => {
        const last = i === crumbs.length - 1;
        return html`<li>
          ${i > 0 ? html`<span part="separator" aria-hidden="true">›</span>` : nothing}
          <button
            part=${last ? 'crumb current' : 'crumb'}
            type="button"
            aria-current=${last ? 'page' : 'false'}
            ?disabled=${last}
            @click=${() => this.clearBelow(crumb.keep)}
          >
            ${crumb.label}
          </button>
        </li>`;
      })}
    </ol>`;
  }

  /** Keeps the first `keep` levels and clears the rest. */
  private clearBelow(keep: number): void {
    const params = this.source?.params;
    const cleared = this.path.slice(keep);
    if (!params || cleared.length === 0) return;
    params.update(Object.fromEntries(cleared.map((level) => [level, undefined])));
    this.dispatchEvent(new ChangeEvent({ name: cleared[0]!, value: undefined }));
  }

  private follow(): void {
    const source = this.source;
    const key = source && this.isConnected ? this.path.join(',') : '';
    if (key === this.followed && source === this.followedSource) return;
    this.stop?.();
    this.stop = undefined;
    this.followed = key;
    this.followedSource = source;
    if (!source || !key) return;
    const stopDrill = followDrillPath(source.params, this.path);
    const stopRender = source.params.subscribe((changed) => {
      if (this.path.some((level) => changed.has(level))) this.requestUpdate();
    });
    this.stop = () => {
      stopDrill();
      stopRender();
    };
  }
}
