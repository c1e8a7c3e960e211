import { accessLinkNotifiers } from "./access-link.ts";
import { cartNotifiers } from "./cart.ts";
import { fulfilmentNotifiers } from "./fulfilment.ts";
import { identityNotifiers } from "./identity.ts";
import { inventoryNotifiers } from "./inventory.ts";
import type { Notifier } from "./notifier.ts";
import { orderNotifiers } from "./orders.ts";
import { paymentNotifiers } from "./payments.ts";
import { staffNotifiers } from "./staff.ts";

/** Every event notifications reacts to, by type. */
export const notifiers: readonly Notifier[] = [
  ...identityNotifiers,
  ...orderNotifiers,
  ...fulfilmentNotifiers,
  ...paymentNotifiers,
  ...inventoryNotifiers,
  ...staffNotifiers,
  ...accessLinkNotifiers,
  ...cartNotifiers,
];

export const notifierByType = new Map(notifiers.map((n) => [n.def.type, n]));
