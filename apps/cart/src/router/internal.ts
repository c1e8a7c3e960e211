import { currencySchema } from "@mercato/pricing";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { codeError } from "../cart/code-errors.ts";
import { cartOfUser, codeByName, customerUsedCode, guestCartByTokenHash, itemsOf } from "../db/queries.ts";
import { hashCartToken } from "../domain/cart-token.ts";
import { codeRefusal, normalizeCode, unknownCode } from "../domain/discount-code.ts";
import { internalProcedure, router } from "../trpc.ts";
import { cartTokenSchema, codeInputSchema } from "./inputs.ts";

export const forCheckoutInput = z.object({
  cartToken: cartTokenSchema.optional(),
  userId: z.string().min(1).optional(),
});
export const checkCodeInput = z.object({
  code: codeInputSchema,
  /** The order's subtotal before discount, in minor units. */
  subtotal: z.number().int().min(0),
  currency: currencySchema.default("EUR"),
  userId: z.string().min(1).optional(),
  email: z.string().email(),
});

/** For orders: the cart to check out, and the code check it repeats at checkout. */
export const internalRouter = router({
  /**
   * The lines and code of a user's cart (by userId) or a guest's (by cartToken). Lines are
   * quantities only: orders prices them from the catalog itself and inventory decides stock.
   */
  forCheckout: internalProcedure.input(forCheckoutInput).query(async ({ ctx, input }) => {
    const db = ctx.deps.db.orm;
    let cart: Awaited<ReturnType<typeof cartOfUser>>;
    if (input.userId) {
      cart = await cartOfUser(db, input.userId);
      if (!cart) throw new TRPCError({ code: "NOT_FOUND", message: "userId: this user has no cart" });
    } else if (input.cartToken) {
      cart = await guestCartByTokenHash(db, hashCartToken(input.cartToken));
      if (!cart) throw new TRPCError({ code: "NOT_FOUND", message: "cartToken: no cart with this token" });
    } else {
      throw new TRPCError({ code: "BAD_REQUEST", message: "cartToken: give a cartToken or a userId" });
    }
    const items = await itemsOf(db, cart.id);
    if (items.length === 0) throw new TRPCError({ code: "BAD_REQUEST", message: "cart: the cart is empty" });
    const rule = cart.discountCode ? await codeByName(db, cart.discountCode) : undefined;
    return {
      cartId: cart.id,
      currency: cart.currency,
      lines: items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
      discount: rule ? { code: rule.code, kind: rule.kind, value: rule.value, minSubtotal: rule.minSubtotal } : null,
    };
  }),

  /** The discount if `code` applies to this order now, else a 4xx naming `code` with the reason. */
  checkCode: internalProcedure.input(checkCodeInput).query(async ({ ctx, input }) => {
    const db = ctx.deps.db.orm;
    const code = normalizeCode(input.code);
    const rule = await codeByName(db, code);
    if (!rule) throw codeError(unknownCode(code));
    const usedByCustomer = rule.oncePerCustomer
      ? await customerUsedCode(db, code, { userId: input.userId ?? null, email: input.email })
      : false;
    const refusal = codeRefusal(code, rule, {
      now: new Date(),
      subtotal: input.subtotal,
      currency: input.currency,
      usedByCustomer,
    });
    if (refusal) throw codeError(refusal);
    return { code: rule.code, kind: rule.kind, value: rule.value, minSubtotal: rule.minSubtotal };
  }),
});
