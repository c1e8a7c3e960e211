import { MAX_BATCH_SIZE, type ServiceName } from "@mercato/registry";
import { createTRPCClient, createTRPCUntypedClient, httpBatchLink, type TRPCLink } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { SERVICE_TOKEN_HEADER, type ServiceTokenSigner } from "./auth.ts";
import { currentRequestId } from "./context-store.ts";
import { guardedFetch, serviceCallsOf } from "./service-calls.ts";
import { tracedFetch } from "./tracing/spans.ts";
import { wireTransformer } from "./wire-json.ts";

/**
 * A typed tRPC client for calling another service's internal or public procedures, presenting
 * this service's credential for that callee (its token's `aud`) and forwarding the current request
 * id, under the callee's timeout, circuit breaker and (for queries) retries (service-calls.ts).
 * Import the router type only: `createServiceClient<CatalogRouter>("catalog", env.CATALOG_URL, deps.serviceToken)`.
 */
export function createServiceClient<TRouter extends AnyRouter>(
  callee: ServiceName,
  baseUrl: string,
  serviceToken: ServiceTokenSigner,
) {
  return createTRPCClient<TRouter>({ links: [serviceLink<TRouter>(callee, baseUrl, serviceToken)] });
}

/**
 * One query to a service whose router type cannot be imported (a package cycle): the answer is
 * `unknown`, for the caller to parse with a zod schema both sides share (never cast).
 */
export function queryService(
  callee: ServiceName,
  baseUrl: string,
  serviceToken: ServiceTokenSigner,
  path: string,
  input: unknown,
): Promise<unknown> {
  return createTRPCUntypedClient<AnyRouter>({ links: [serviceLink<AnyRouter>(callee, baseUrl, serviceToken)] }).query(
    path,
    input,
  );
}

function serviceLink<TRouter extends AnyRouter>(
  callee: ServiceName,
  baseUrl: string,
  serviceToken: ServiceTokenSigner,
) {
  // `baseUrl` may list the callee's replicas: the link addresses the first, and the guarded fetch
  // sends each request to the one the rotation picks (service-calls.ts).
  const calls = serviceCallsOf(serviceToken);
  const replicas = calls.replicas(callee, baseUrl);
  // Built untyped and narrowed once: the transformer option cannot be checked against a generic router.
  const link = httpBatchLink({
    url: `${replicas.urls[0]}/trpc`,
    transformer: wireTransformer,
    maxURLLength: 4000,
    // Services refuse bigger batches (tRPC's maxBatchSize): split at the same cap.
    maxItems: MAX_BATCH_SIZE,
    // A CLIENT span per call, its traceparent in the request (tracing/spans.ts), under the
    // calling service's policy for this callee: a timeout, its breaker, retries for queries.
    fetch: guardedFetch(callee, calls, tracedFetch(callee), replicas),
    async headers() {
      const requestId = currentRequestId();
      return {
        [SERVICE_TOKEN_HEADER]: await serviceToken(callee),
        ...(requestId ? { "x-request-id": requestId } : {}),
      };
    },
  }) as unknown as TRPCLink<TRouter>;
  return link;
}
