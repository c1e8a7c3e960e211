import { TRPCError } from "@trpc/server";
import { codeError } from "../cart/code-errors.ts";
import { touchCart } from "../cart/open-cart.ts";
import { customerOf, findCart, shopperOf } from "../cart/shopper.ts";
import { buildView } from "../cart/view.ts";
import { codeByName } from "../db/queries.ts";
import { normalizeCode, unknownCode } from "../domain/discount-code.ts";
import { shopperProcedure } from "../trpc.ts";
import { applyCodeInput, cartRefInput } from "./inputs.ts";
import { viewOf } from "./view.ts";

export const discountProcedures = {
  /**
   * Applies one discount code (replacing any other), after checking it against the cart as it is
   * now. Refusals name `code` and the reason; the cart is unchanged. The code is re-checked on
   * every read and by orders at checkout.
   */
  applyCode: shopperProcedure.input(applyCodeInput).mutation(async ({ ctx, input }) => {
    const { deps } = ctx;
    const shopper = shopperOf(ctx.user, input.cartToken);
    const code = normalizeCode(input.code);
    const existing = await findCart(deps.db.orm, shopper);
    const rule = await codeByName(deps.db.orm, code);
    if (!rule) throw codeError(unknownCode(code));
    if (!existing) throw new TRPCError({ code: "BAD_REQUEST", message: "code: add something to the cart first" });
    const tried = await buildView(deps, deps.db.orm, existing, customerOf(shopper), { code });
    if (tried.discount?.problem) throw codeError(tried.discount.problem);
    const cart = await deps.db.write((tx) => touchCart(tx, existing.id, new Date(), { discountCode: code }));
    deps.changes.changed(cart);
    return { ...tried, updatedAt: cart.updatedAt };
  }),

  removeCode: shopperProcedure.input(cartRefInput.default({})).mutation(async ({ ctx, input }) => {
    const { deps } = ctx;
    const shopper = shopperOf(ctx.user, input.cartToken);
    const existing = await findCart(deps.db.orm, shopper);
    if (!existing) return viewOf(deps, shopper, null);
    const cart = await deps.db.write((tx) => touchCart(tx, existing.id, new Date(), { discountCode: null }));
    deps.changes.changed(cart);
    return viewOf(deps, shopper, cart);
  }),
};
