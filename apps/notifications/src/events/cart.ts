import { WishlistAlert } from "@mercato/events";
import { renderEmail } from "../templates/render.tsx";
import { wishlistAlertEmail } from "../templates/wishlist-alert.tsx";
import { notifier } from "./notifier.ts";

// A wishlist alert names its shopper: the preferences (marketing consent) decide whether it goes.
export const cartNotifiers = [
  notifier(WishlistAlert, async ({ data }, deps) => [
    {
      to: data.email,
      userId: data.userId,
      email: renderEmail(wishlistAlertEmail, data, deps.emailConfig),
    },
  ]),
];
