"use client";
import { useAccess } from "../staff-access.tsx";

const LINK =
  "inline-flex items-center justify-center gap-2 rounded-lg border border-neutral-300 bg-white px-4 py-2 text-sm font-medium text-ink hover:bg-neutral-50";

/**
 * Downloads of the order's PDFs (app/admin/orders/[id]/documents/[kind]/route.ts). A seller gets
 * the packing slip of its own lines only, and no invoice (the route refuses it too).
 */
export function OrderDocuments({ orderId }: { orderId: string }) {
  const access = useAccess();
  const base = `/admin/orders/${encodeURIComponent(orderId)}/documents`;
  return (
    <div className="flex flex-wrap gap-2" data-testid="order-documents">
      {access.sellerId ? null : (
        <a className={LINK} href={`${base}/invoice`} download>
          Download invoice (PDF)
        </a>
      )}
      <a className={LINK} href={`${base}/packing-slip`} download>
        Download packing slip (PDF)
      </a>
    </div>
  );
}
