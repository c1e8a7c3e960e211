import { listSavedMethods, payWithSaved, removeSavedMethod, setupTestMethod } from "../app/saved-methods.ts";
import { recordSetup, startSetup } from "../app/setup-intents.ts";
import { paymentMethodRefInput, payWithSavedInput, recordSetupInput, setupTestInput } from "../contract.ts";
import { authedProcedure, router } from "../trpc.ts";

/** The signed-in shopper's saved payment methods (#20): only the owner lists, uses or removes one. */
export const methodsRouter = router({
  list: authedProcedure.query(({ ctx }) => listSavedMethods(ctx.deps, ctx.user)),
  /** Stripe: a SetupIntent's client secret for Stripe Elements. */
  startSetup: authedProcedure.mutation(({ ctx }) => startSetup(ctx.deps, ctx.user)),
  /** Stripe: after Elements confirmed the SetupIntent, records its card (the webhook does too). */
  recordSetup: authedProcedure
    .input(recordSetupInput)
    .mutation(({ ctx, input }) => recordSetup(ctx.deps, ctx.user, input)),
  /** Test provider: saves a test card. */
  setupTest: authedProcedure
    .input(setupTestInput)
    .mutation(({ ctx, input }) => setupTestMethod(ctx.deps, ctx.user, input)),
  remove: authedProcedure
    .input(paymentMethodRefInput)
    .mutation(({ ctx, input }) => removeSavedMethod(ctx.deps, ctx.user, input)),
  /** Pays the shopper's own order with a saved method, at checkout's pay step. */
  pay: authedProcedure.input(payWithSavedInput).mutation(({ ctx, input }) => payWithSaved(ctx.deps, ctx.user, input)),
});
