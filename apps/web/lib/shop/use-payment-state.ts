"use client";
import { useMercatoClient } from "@mercato/client/react";
import type { PaymentState } from "@mercato/payments/contract";
import { useCallback, useEffect, useState } from "react";

/**
 * Where the held payment stands (`payments.state`, a POST: the client secret never goes in a URL),
 * read when the pay page opens, so a reload during a 3-D Secure step shows that step again. Null
 * while it is being read, or when it could not be read (the page then shows the card form: a new
 * attempt is always possible).
 */
export function usePaymentState(payment: { paymentId: string; clientSecret: string } | null) {
  const client = useMercatoClient();
  const [state, setState] = useState<PaymentState | null>(null);
  const [read, setRead] = useState(false);
  const paymentId = payment?.paymentId ?? null;
  const clientSecret = payment?.clientSecret ?? null;

  const refresh = useCallback(async () => {
    if (!paymentId || !clientSecret) return;
    try {
      setState(await client.payments.state.mutate({ paymentId, clientSecret }));
    } catch {
      setState(null);
    } finally {
      setRead(true);
    }
  }, [client, paymentId, clientSecret]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { state, read, refresh };
}
