// Which users a caller may act for: keys act for anyone; a storefront session only for its own visitor, unless the
// server lets sessions choose (the demo's user switcher).

import type { ServerServices } from '../services.ts';
import type { Principal } from './principal.ts';

export function mayActAs(principal: Principal | null, userId: string, services: ServerServices): boolean {
  if (principal?.role !== 'storefront') return true;
  return services.config.serving.storefront.actAsAnyUser || principal.subject === userId;
}
