"use client";
import { useMercato } from "@mercato/client/react";
import type { OrderView } from "@mercato/orders/contract";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { TrackingLink } from "@/components/orders/tracking.tsx";
import { Button } from "@/components/ui/button.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { formatDateTime } from "@/lib/admin/format.ts";
import { useRefresh } from "@/lib/admin/use-submit.ts";
import { canDeliver, titleOf } from "@/lib/orders/actions.ts";
import { Card } from "../page-header.tsx";

/** Each shipment of the order with its lines and tracking, and a deliver button while it is on its way. */
export function ShipmentsCard({ order }: { order: OrderView }) {
  const m = useMercato();
  const refresh = useRefresh(m.orders.admin.pathFilter());
  const deliver = useMutation(m.orders.admin.deliver.mutationOptions());
  const [failed, setFailed] = useState<string | null>(null);

  async function markDelivered(shipmentId: string) {
    setFailed(null);
    try {
      await deliver.mutateAsync({ orderId: order.id, shipmentId });
      await refresh();
    } catch (err) {
      setFailed(errorMessage(err));
    }
  }

  return (
    <Card title="Shipments">
      {order.shipments.length === 0 ? (
        <p className="text-sm text-neutral-500">Nothing has shipped yet.</p>
      ) : (
        <ol className="space-y-3" data-testid="shipments">
          {order.shipments.map((s, i) => (
            <li
              key={s.id}
              className="rounded-lg border border-neutral-200 p-3 text-sm"
              data-testid="shipment"
              data-shipment-id={s.id}
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-medium">
                  Shipment {i + 1}
                  {s.exchangeReturnId ? <span className="font-normal text-neutral-500"> (exchange)</span> : null}
                  <span className="font-normal text-neutral-600">
                    {" "}
                    · {s.carrier} · <TrackingLink shipment={s} />
                  </span>
                </p>
                {s.deliveredAt ? (
                  <span className="text-emerald-700">Delivered {formatDateTime(s.deliveredAt)}</span>
                ) : (
                  <Button
                    variant="secondary"
                    disabled={!canDeliver(order, s) || deliver.isPending}
                    onClick={() => void markDelivered(s.id)}
                  >
                    Mark delivered<span className="sr-only"> (shipment {i + 1})</span>
                  </Button>
                )}
              </div>
              <p className="mt-1 text-xs text-neutral-500">Shipped {formatDateTime(s.shippedAt)}</p>
              <ul className="mt-2 space-y-0.5">
                {s.lines.map((l) => (
                  <li key={l.sku}>
                    {l.quantity} × {titleOf(order, l.sku)}{" "}
                    <span className="font-mono text-xs text-neutral-500">{l.sku}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      {failed ? (
        <div className="mt-3">
          <ErrorNote>{failed}</ErrorNote>
        </div>
      ) : null}
    </Card>
  );
}
