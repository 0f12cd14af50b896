/**
 * Who is asking, and what the catalog lets them read. Every decision about rights goes through here so that
 * `/v1/meta`, the planner and the cache key agree.
 */

import type { AccessRule, ServerCatalog, ServerNamed, ServerView } from '../catalog/types.js';

/** The caller of a request, from a verified token or anonymous. */
export interface Principal {
  /** True when the request carried no token; the role is then `public`. */
  anonymous: boolean;
  /** The role claim (`public` for anonymous callers). */
  role: string;
  /** The token subject (`sub`), e.g. a student or staff number. */
  subject?: string;
  /** All claims of the verified token, bound into row policies as `{claims.NAME}`. */
  claims: Readonly<Record<string, unknown>>;
}

/** The anonymous caller. */
export const ANONYMOUS: Principal = Object.freeze({
  anonymous: true,
  role: 'public',
  claims: Object.freeze({}),
});

/** Why a caller may not read something: no token at all (401) or a token without the right (403). */
export type Denial = 'unauthenticated' | 'forbidden';

/** What a caller may do with a view: read it (with an optional access rule) or not. */
export type ViewAccess = { allowed: true; rule?: AccessRule } | { allowed: false; denial: Denial };

/** Decides whether a caller may read a view, and under which rule. */
export function viewAccess(principal: Principal, view: ServerView): ViewAccess {
  if (principal.anonymous)
    return view.public ? { allowed: true } : { allowed: false, denial: 'unauthenticated' };
  if (view.roles && !view.roles.includes(principal.role)) return { allowed: false, denial: 'forbidden' };
  if (!view.access) return { allowed: true };
  const rule = view.access.find((r) => r.role === principal.role);
  return rule ? { allowed: true, rule } : { allowed: false, denial: 'forbidden' };
}

/** Decides whether a caller who may read the view may also read one of its members. */
export function memberAccess(principal: Principal, member: ServerNamed): Denial | undefined {
  if (principal.anonymous) return member.public ? undefined : 'unauthenticated';
  if (member.roles && !member.roles.includes(principal.role)) return 'forbidden';
  return undefined;
}

/**
 * A string that is equal for two callers exactly when they see the same catalog and the same rows: the role
 * plus the claims the catalog's row policies use. Used as part of cache keys and meta ETags.
 */
export function rightsKey(principal: Principal, catalog: ServerCatalog): string {
  let byCatalog = rightsKeys.get(principal);
  let key = byCatalog?.get(catalog);
  if (key === undefined) {
    key = computeRightsKey(principal, catalog);
    if (!byCatalog) rightsKeys.set(principal, (byCatalog = new WeakMap()));
    byCatalog.set(catalog, key);
  }
  return key;
}

const rightsKeys = new WeakMap<Principal, WeakMap<ServerCatalog, string>>();

function computeRightsKey(principal: Principal, catalog: ServerCatalog): string {
  if (principal.anonymous) return 'public';
  const used = new Set<string>();
  for (const view of catalog.views) {
    for (const rule of view.access ?? []) {
      if (rule.role !== principal.role || !rule.rows) continue;
      for (const match of rule.rows.matchAll(/\{claims\.([A-Za-z_][A-Za-z0-9_]*)\}/g)) used.add(match[1]!);
    }
  }
  const claims = [...used].sort().map((name) => [name, principal.claims[name] ?? null]);
  return JSON.stringify([principal.role, claims]);
}
