import { subscribePush, unsubscribePush, vapidPublicKey } from "../app/push-subscriptions.ts";
import {
  pushSubscribeInput,
  pushSubscribeResultSchema,
  pushUnsubscribeInput,
  pushUnsubscribeResultSchema,
  vapidPublicKeySchema,
} from "../contract.ts";
import { authedProcedure, publicProcedure, router } from "../trpc.ts";

export const pushRouter = router({
  /** The VAPID public key, the applicationServerKey the storefront subscribes with. */
  vapidPublicKey: publicProcedure.output(vapidPublicKeySchema).query(({ ctx }) => vapidPublicKey(ctx.deps)),

  /** Stores this browser's PushSubscription for the signed-in shopper's order updates. */
  subscribe: authedProcedure
    .input(pushSubscribeInput)
    .output(pushSubscribeResultSchema)
    .mutation(({ ctx, input }) => subscribePush(ctx.deps, ctx.user.id, input)),

  /** Forgets a subscription by its endpoint and auth secret (a signed-out browser may call it). */
  unsubscribe: publicProcedure
    .input(pushUnsubscribeInput)
    .output(pushUnsubscribeResultSchema)
    .mutation(({ ctx, input }) => unsubscribePush(ctx.deps, input)),
});
