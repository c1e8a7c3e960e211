import { StockLow } from "@mercato/events";
import { lowStockEmail } from "../templates/low-stock.tsx";
import { renderEmail } from "../templates/render.tsx";
import { notifier } from "./notifier.ts";

export const inventoryNotifiers = [
  notifier(StockLow, async (event, deps) => {
    const email = renderEmail(lowStockEmail, event.data, deps.emailConfig);
    const recipients = await deps.recipients.alertRecipients();
    if (recipients.length === 0) {
      deps.log.warn(
        { eventId: event.id, sku: event.data.sku },
        "low stock, but no admin or ADMIN_ALERT_EMAILS to tell",
      );
    }
    return recipients.map((to) => ({ to, email }));
  }),
];
