/**
 * A client of Cloudflare D1's HTTP API: `POST {base}/accounts/{account}/d1/database/{database}/query`
 * with a bearer token and a `batch` of `{ sql, params }`, which D1 runs in order in one
 * transaction (a failing statement rolls the batch back). Tests point `base` at a Worker of
 * their own in workerd that answers the same path from its D1 binding.
 */
export interface D1Statement {
  sql: string;
  params: (string | number | null)[];
}

export interface D1Api {
  /** Runs the statements as one batch; the rows of each, in order. */
  batch(statements: D1Statement[]): Promise<Record<string, unknown>[][]>;
}

export interface D1ApiConfig {
  /** `https://api.cloudflare.com/client/v4` in production. */
  baseUrl: string;
  accountId: string;
  databaseId: string;
  /** An API token with D1 edit on this account; sent as a bearer token, never logged. */
  token: string;
  fetch?: typeof fetch;
}

/** Raised when D1 refuses a batch; `message` is D1's own. */
export class D1Error extends Error {
  override name = "D1Error";
}

interface D1Answer {
  success: boolean;
  errors?: { message: string }[];
  result?: { results?: Record<string, unknown>[]; success?: boolean }[];
}

export function d1HttpApi(config: D1ApiConfig): D1Api {
  const url = `${config.baseUrl.replace(/\/$/, "")}/accounts/${encodeURIComponent(config.accountId)}/d1/database/${encodeURIComponent(config.databaseId)}/query`;
  const send = config.fetch ?? fetch;
  return {
    async batch(statements) {
      if (statements.length === 0) return [];
      const res = await send(url, {
        method: "POST",
        headers: { authorization: `Bearer ${config.token}`, "content-type": "application/json" },
        body: JSON.stringify({ batch: statements }),
      });
      const answer = (await res.json().catch(() => ({ success: false }))) as D1Answer;
      if (!res.ok || !answer.success) {
        const reason = answer.errors?.map((e) => e.message).join("; ") || `HTTP ${res.status}`;
        throw new D1Error(`D1 refused the batch: ${reason}`);
      }
      return (answer.result ?? []).map((r) => r.results ?? []);
    },
  };
}
