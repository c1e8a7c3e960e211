import { createServerClient } from "@mercato/client/server";
import { SERVER_GATEWAY_URL } from "@/lib/config.ts";

// The provider changes only with a redeploy: one answer a minute is plenty, shared by every page.
const cachedFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
  fetch(input, { ...init, next: { revalidate: 60 } })) as typeof fetch;

/**
 * Says so on every storefront page when payments run the test provider (development, or a
 * production deploy that chose it explicitly with ALLOW_TEST_PAYMENTS): no real money is taken.
 * When payments cannot be asked, nothing is shown; checkout itself will say payments is away.
 */
export async function TestModeBanner({ gatewayUrl = SERVER_GATEWAY_URL }: { gatewayUrl?: string } = {}) {
  const mode = await createServerClient({ baseUrl: gatewayUrl, fetch: cachedFetch })
    .payments.mode.query()
    .catch(() => null);
  if (!mode?.testMode) return null;
  return (
    <aside
      aria-label="Test mode"
      data-testid="test-mode-banner"
      className="bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-950"
    >
      Test mode: payments use test cards and no money is taken.
    </aside>
  );
}
