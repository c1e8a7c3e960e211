import { router } from "../trpc.ts";
import { adminRouter } from "./admin.ts";
import { giftCardsRouter } from "./gift-cards.ts";
import { internalRouter } from "./internal.ts";
import { methodsRouter } from "./methods.ts";
import { shopperProcedures } from "./shopper.ts";

/** The payments API, under the `payments` namespace as everywhere in the platform. */
export const paymentsRouter = router({
  payments: router({
    ...shopperProcedures,
    internal: internalRouter,
    admin: adminRouter,
    methods: methodsRouter,
    giftCards: giftCardsRouter,
  }),
});

export type PaymentsRouter = typeof paymentsRouter;
