// Who is calling: an API key's role, or a storefront session standing for one visitor.

export type Role = 'admin' | 'client' | 'storefront';

/** The least role a route needs; `public` routes need no credentials. */
export type RouteAccess = 'public' | Role;

export interface Principal {
  role: Role;
  /** The key's id (a hash prefix) or the session id: what rate limits count by. */
  id: string;
  /** Requests per window for this principal (0: unlimited). */
  rateLimit: number;
  /** For storefront sessions: the visitor's user id (the only user it may act as, unless the server allows any). */
  subject?: string;
}

const rank: Record<Role, number> = { storefront: 0, client: 1, admin: 2 };

/** True when `principal` may call a route that needs `access`. */
export function allows(principal: Principal, access: RouteAccess): boolean {
  return access === 'public' || rank[principal.role] >= rank[access];
}
