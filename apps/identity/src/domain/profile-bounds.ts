import { IMAGE_MAX, NAME_MAX } from "../contract.ts";

/**
 * The bounds of the profile fields better-auth takes from users (sign-up, update-user, the admin
 * plugin's create/update): `name` at most NAME_MAX characters, `image` at most IMAGE_MAX. Returns
 * the first problem as [field, reason], or null.
 */
export function profileProblem(body: unknown): [field: string, reason: string] | null {
  if (!body || typeof body !== "object") return null;
  const record = body as Record<string, unknown>;
  for (const [field, max] of [
    ["name", NAME_MAX],
    ["image", IMAGE_MAX],
  ] as const) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") return [field, "must be text"];
    if (value.length > max) return [field, `at most ${max} characters`];
  }
  // The admin plugin nests the changes: { userId, data: { name, image } }.
  if (record.data && typeof record.data === "object") {
    const nested = profileProblem(record.data);
    if (nested) return [`data.${nested[0]}`, nested[1]];
  }
  return null;
}
