/**
 * Fast name lookup in a catalog: indexes built once per catalog object and cached, so checking a query costs
 * a few map reads per name.
 */

import type { Catalog, CatalogMember, Named, View } from './catalog.js';

interface ViewIndex {
  /** Exact member names. */
  readonly byName: ReadonlyMap<string, CatalogMember>;
  /** Titles (zh-CN and lower-cased en) and aliases (lower-cased). */
  readonly bySpelling: ReadonlyMap<string, CatalogMember>;
}

const catalogIndexes = new WeakMap<Catalog, ReadonlyMap<string, View>>();
const viewIndexes = new WeakMap<View, ViewIndex>();

/** The view with this name, or a view with this title or alias. */
export function lookupView(catalog: Catalog, name: string): View | undefined {
  let index = catalogIndexes.get(catalog);
  if (!index) {
    const map = new Map<string, View>();
    for (const view of catalog.views) addSpellings(map, view, view, false);
    for (const view of catalog.views) map.set(view.name, view);
    catalogIndexes.set(catalog, (index = map));
  }
  return index.get(name) ?? index.get(name.toLowerCase());
}

function viewIndex(view: View): ViewIndex {
  let index = viewIndexes.get(view);
  if (!index) {
    const byName = new Map<string, CatalogMember>();
    const bySpelling = new Map<string, CatalogMember>();
    const add = (member: CatalogMember): void => {
      if (!byName.has(member.member.name)) byName.set(member.member.name, member);
      addSpellings(bySpelling, member.member, member, true);
    };
    for (const member of view.measures) add({ kind: 'measure', view, member });
    for (const member of view.dimensions) add({ kind: 'dimension', view, member });
    for (const member of view.segments ?? []) add({ kind: 'segment', view, member });
    viewIndexes.set(view, (index = { byName, bySpelling }));
  }
  return index;
}

/** Records titles and aliases; the first entry to claim a spelling keeps it. */
function addSpellings<T>(map: Map<string, T>, named: Named, value: T, withNames: boolean): void {
  const spellings = [named.title['zh-CN'], named.title.en, ...(named.aliases ?? [])];
  if (!withNames) spellings.push(named.name);
  for (const spelling of spellings) {
    const key = spelling.toLowerCase();
    if (!map.has(key)) map.set(key, value);
  }
}

/** A member by its exact name. */
export function lookupMember(view: View, name: string): CatalogMember | undefined {
  return viewIndex(view).byName.get(name);
}

/**
 * A member by name, else by title or alias (titles are what backtick names hold; aliases may be written
 * bare). Pinyin never resolves silently: it only feeds suggestions.
 */
export function resolveMemberName(view: View, text: string): CatalogMember | undefined {
  const index = viewIndex(view);
  return index.byName.get(text) ?? index.bySpelling.get(text.toLowerCase());
}

/** The members of a view of one kind, or of every kind a filter may test (`member`): what to suggest. */
export function membersOfKind(view: View, kind: CatalogMember['kind'] | 'member'): readonly Named[] {
  return kind === 'measure'
    ? view.measures
    : kind === 'dimension'
      ? view.dimensions
      : kind === 'segment'
        ? (view.segments ?? [])
        : [...view.dimensions, ...view.measures];
}

/** A display label for suggestions: `college（学院）`. */
export function label(named: Named): string {
  return `${named.name}（${named.title['zh-CN']}）`;
}
