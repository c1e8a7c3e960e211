/** The platform's procedures as scripts/gen-api-catalog.ts writes them (api-catalog.gen.json). */
export type ProcedureType = "query" | "mutation" | "subscription";

/** A JSON Schema object (zod 4's `z.toJSONSchema`, input side). */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  description?: string;
  [key: string]: unknown;
};

export interface ApiProcedure {
  /** The full path, e.g. `catalog.admin.products.create`. */
  path: string;
  /** The service (and client namespace) that answers it. */
  service: string;
  type: ProcedureType;
  /** The procedure builder it was made from: public, authed, staff, internal (or a service's own). */
  kind: string;
  /** The permission a staff procedure needs (`staffProcedure("orders.refund")`). */
  permission?: string;
  input: JsonSchema | null;
}

export interface ApiCatalog {
  procedures: ApiProcedure[];
}
