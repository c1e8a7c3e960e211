import type { RequestHandler } from "msw";
import { setupServer } from "msw/node";

/**
 * msw for third-party HTTP only (Stripe, Resend). Requests to our own services on loopback pass
 * through untouched; any other unhandled request fails the test instead of reaching the network.
 */
export function mockThirdParties(...handlers: RequestHandler[]) {
  const server = setupServer(...handlers);
  server.listen({
    onUnhandledRequest(request, print) {
      const host = new URL(request.url).hostname;
      if (host === "127.0.0.1" || host === "localhost" || host === "[::1]") return;
      print.error();
    },
  });
  return server;
}
