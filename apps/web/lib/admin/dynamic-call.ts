import type { MercatoClient } from "@mercato/client";
import type { ProcedureType } from "./api-catalog.ts";

/**
 * Calls a procedure chosen at run time by its path. The typed client only knows paths written in
 * code, so this is the one place where the client is walked untyped: the explorer's input is
 * whatever JSON the admin typed, and the service's own validation is the check.
 */
interface UntypedNode {
  [segment: string]: UntypedNode;
}
interface UntypedProcedure {
  query(input: unknown): Promise<unknown>;
  mutate(input: unknown): Promise<unknown>;
  subscribe(
    input: unknown,
    handlers: { onData(data: unknown): void; onError(err: unknown): void; onComplete(): void },
  ): { unsubscribe(): void };
}

function procedureAt(client: MercatoClient, service: string, path: string): UntypedProcedure {
  const clients = client.clients as unknown as Record<string, UntypedNode>;
  const root = clients[service];
  if (!root) throw new Error(`service: no client for "${service}"`);
  // tRPC's client is a proxy: any property chain is a path, resolved when called.
  const node = path.split(".").reduce<UntypedNode>((n, segment) => n[segment] as UntypedNode, root);
  return node as unknown as UntypedProcedure;
}

export function callProcedure(
  client: MercatoClient,
  procedure: { service: string; path: string; type: Exclude<ProcedureType, "subscription"> },
  input: unknown,
): Promise<unknown> {
  const p = procedureAt(client, procedure.service, procedure.path);
  return procedure.type === "query" ? p.query(input) : p.mutate(input);
}

export function subscribeProcedure(
  client: MercatoClient,
  procedure: { service: string; path: string },
  input: unknown,
  handlers: { onData(data: unknown): void; onError(err: unknown): void; onComplete(): void },
): { unsubscribe(): void } {
  return procedureAt(client, procedure.service, procedure.path).subscribe(input, handlers);
}
