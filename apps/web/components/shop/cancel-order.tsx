"use client";
import { useMercatoClient } from "@mercato/client/react";
import {
  SHOPPER_CANCEL_REASON_LABELS,
  SHOPPER_CANCEL_REASONS,
  type ShopperCancelReason,
} from "@mercato/orders/contract";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/shop/errors.ts";

/**
 * The shopper's cancel form: the reason is picked from the orders contract's fixed list (never
 * typed), because it is shown on the order and mailed to the order's address.
 */
export function CancelOrder({ orderId, onCancelled }: { orderId: string; onCancelled: () => void }) {
  const client = useMercatoClient();
  const [reason, setReason] = useState<ShopperCancelReason>(SHOPPER_CANCEL_REASONS[0]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // A guest's access token rides in its HttpOnly cookie (the proxy's x-order-token header).
      await client.orders.cancel.mutate({ orderId, reason });
      onCancelled();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-2xl border border-neutral-200 p-5" aria-label="Cancel order">
      <label className="block text-sm font-medium">
        Why are you cancelling?
        <select
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value as ShopperCancelReason)}
          className="mt-1 block w-full rounded-lg border border-neutral-300 px-3 py-2"
        >
          {SHOPPER_CANCEL_REASONS.map((r) => (
            <option key={r} value={r}>
              {SHOPPER_CANCEL_REASON_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="danger" disabled={busy}>
        Cancel order
      </Button>
      {error ? <ErrorNote>{error}</ErrorNote> : null}
    </form>
  );
}
