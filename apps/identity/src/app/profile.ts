/** The signed-in user's own account. */
import { invalid, notFound } from "@mercato/kit/errors";
import type { z } from "zod";
import type { PublicUser, updateProfileInput } from "../contract.ts";
import { findUser } from "../db/queries.ts";
import type { IdentityDeps } from "../deps.ts";
import { toE164 } from "../domain/phone.ts";
import { publishPhoneChange } from "./preferences.ts";

type Deps = Pick<IdentityDeps, "db" | "auth" | "relay">;

/** A valid token can outlive its account (it is trusted for 15 minutes without asking identity). */
const gone = () => notFound("user", "your account no longer exists");

export async function myProfile(deps: Pick<Deps, "db">, userId: string): Promise<PublicUser> {
  const me = await findUser(deps.db, userId);
  if (!me) throw gone();
  return me;
}

export async function updateProfile(
  deps: Deps,
  userId: string,
  input: z.output<typeof updateProfileInput>,
): Promise<PublicUser> {
  let phone = input.phone;
  if (typeof phone === "string") {
    const e164 = toE164(phone);
    if (!e164) throw invalid("phone", "a phone number with its country code, like +44 20 7946 0000");
    phone = e164;
  }
  const auth = await deps.auth.$context;
  // Through better-auth, so the copy of the user in each cached session changes too.
  const updated = await auth.internalAdapter.updateUser(userId, {
    name: input.name,
    ...(phone !== undefined ? { phone } : {}),
  });
  if (!updated) throw gone();
  // SMS (#22) goes to this number: notifications hears of it with the preferences.
  if (phone !== undefined) await publishPhoneChange(deps, userId);
  return myProfile(deps, userId);
}
