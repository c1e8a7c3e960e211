import { createCode, deactivateCode, listCodes, updateCode } from "../app/admin-codes.ts";
import { createCodeInput, deactivateCodeInput, updateCodeInput } from "../contract.ts";
import { adminProcedure, router } from "../trpc.ts";

/** Discount codes for the admin panel. */
export const adminCodesRouter = router({
  list: adminProcedure.query(({ ctx }) => listCodes(ctx.deps)),
  create: adminProcedure.input(createCodeInput).mutation(({ ctx, input }) => createCode(ctx.deps, input)),
  update: adminProcedure.input(updateCodeInput).mutation(({ ctx, input }) => updateCode(ctx.deps, input)),
  deactivate: adminProcedure.input(deactivateCodeInput).mutation(({ ctx, input }) => deactivateCode(ctx.deps, input)),
});
