import { bodyLimit } from "hono/body-limit";
import type { GatewayMiddleware } from "../context.ts";
import { refuse } from "../errors.ts";

/** Refuses a request body over `maxBytes` with a 413 before any of it reaches a service. */
export function bodyLimitMiddleware(deps: { maxBytes: number }): GatewayMiddleware {
  const { maxBytes } = deps;
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => refuse(c, 413, `body: larger than the ${maxBytes} bytes allowed`),
  });
}
