import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { AddressInput } from "../src/index.ts";
import { client, type Identity, jwtFor, signUp, startIdentity, trpcError } from "./harness.ts";

let id: Identity;
let alice: ReturnType<typeof client>;
let bob: ReturnType<typeof client>;

beforeAll(async () => {
  id = await startIdentity({ SEED_DEMO: "false" });
  alice = client(id.url, await jwtFor(id.url, await signUp(id.url)));
  bob = client(id.url, await jwtFor(id.url, await signUp(id.url)));
}, 30_000);

afterAll(() => id?.dispose());

const home: AddressInput = {
  name: "Alice Example",
  line1: "1 Main Street",
  city: "Springfield",
  postalCode: "12345-6789",
  country: "us",
};
const rowCount = async () =>
  (await id.service.deps.db.client.execute("SELECT count(*) AS n FROM addresses")).rows[0]?.n;

describe("addresses", () => {
  test("the first address is both defaults; later ones take a default only when asked", async () => {
    const first = await alice.identity.addresses.create.mutate(home);
    expect(first).toMatchObject({
      country: "US",
      postalCode: "12345-6789",
      isDefaultShipping: true,
      isDefaultBilling: true,
    });
    const office = await alice.identity.addresses.create.mutate({
      name: "Alice at work",
      line1: "10 Downing St",
      city: "London",
      postalCode: "sw1a2aa",
      country: "GB",
      isDefaultBilling: true,
    });
    expect(office).toMatchObject({ postalCode: "SW1A 2AA", isDefaultShipping: false, isDefaultBilling: true });
    const list = await alice.identity.addresses.list.query();
    expect(list.map((a) => [a.id, a.isDefaultShipping, a.isDefaultBilling])).toEqual([
      [first?.id, true, false],
      [office?.id, false, true],
    ]);

    await alice.identity.addresses.setDefault.mutate({ id: String(office?.id), kind: "shipping" });
    const after = await alice.identity.addresses.list.query();
    expect(after.map((a) => [a.isDefaultShipping, a.isDefaultBilling])).toEqual([
      [false, false],
      [true, true],
    ]);

    const moved = await alice.identity.addresses.update.mutate({
      id: String(first?.id),
      address: { ...home, line2: "Apt 4", postalCode: "1012ab", country: "NL", city: "Amsterdam" },
    });
    expect(moved).toMatchObject({ line2: "Apt 4", postalCode: "1012 AB", country: "NL", isDefaultShipping: false });

    await alice.identity.addresses.delete.mutate({ id: String(first?.id) });
    expect((await alice.identity.addresses.list.query()).map((a) => a.id)).toEqual([office?.id]);
  });

  test("nobody else can see or touch them: NOT_FOUND", async () => {
    const mine = await alice.identity.addresses.create.mutate({
      ...home,
      postalCode: "10115",
      country: "DE",
      city: "Berlin",
    });
    const id2 = String(mine?.id);
    expect((await bob.identity.addresses.list.query()).map((a) => a.id)).not.toContain(id2);
    for (const call of [
      bob.identity.addresses.update.mutate({ id: id2, address: home }),
      bob.identity.addresses.delete.mutate({ id: id2 }),
      bob.identity.addresses.setDefault.mutate({ id: id2, kind: "billing" }),
    ]) {
      const err = await trpcError(call);
      expect(err.data?.code).toBe("NOT_FOUND");
      expect(err.message).toMatch(/^id:/);
    }
    expect((await alice.identity.addresses.list.query()).find((a) => a.id === id2)?.city).toBe("Berlin");
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ["unknown country", { ...home, country: "XX" }, "country"],
    ["three-letter country", { ...home, country: "USA" }, "country"],
    ["bad US zip", { ...home, postalCode: "1234" }, "postalCode"],
    ["bad GB postcode", { ...home, country: "GB", postalCode: "12345" }, "postalCode"],
    ["bad DE code", { ...home, country: "DE", postalCode: "1011" }, "postalCode"],
    ["bad FR code", { ...home, country: "FR", postalCode: "7500A" }, "postalCode"],
    ["bad NL code", { ...home, country: "NL", postalCode: "0123 AB" }, "postalCode"],
    ["missing line1", { ...home, line1: undefined }, "line1"],
    ["blank name", { ...home, name: "   " }, "name"],
  ];
  for (const [what, input, field] of bad) {
    test(`refused, naming the field: ${what}`, async () => {
      const before = await rowCount();
      const err = await trpcError(alice.identity.addresses.create.mutate(input as AddressInput));
      expect(err.data?.code).toBe("BAD_REQUEST");
      expect(err.message).toContain(field);
      expect(err.data?.field).toBe(field);
      expect(await rowCount()).toBe(before);
    });
  }

  test("anonymous callers are UNAUTHORIZED", async () => {
    expect((await trpcError(client(id.url).identity.addresses.list.query())).data?.code).toBe("UNAUTHORIZED");
  });
});

describe("profile", () => {
  test("updateProfile changes name and phone; bad phone names the field", async () => {
    const me = await alice.identity.updateProfile.mutate({ name: "Alice B.", phone: "+44 20 7946 0000" });
    expect(me).toMatchObject({ name: "Alice B.", phone: "+442079460000" }); // stored in E.164
    expect((await alice.identity.me.query()).name).toBe("Alice B.");
    const err = await trpcError(alice.identity.updateProfile.mutate({ name: "Alice", phone: "call me" }));
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.message).toContain("phone");
    expect((await alice.identity.me.query()).name).toBe("Alice B.");
    const cleared = await alice.identity.updateProfile.mutate({ name: "Alice", phone: null });
    expect(cleared.phone).toBeNull();
  });

  test("a phone change is published with the preferences (notifications sends SMS to it, #22)", async () => {
    const me = await alice.identity.me.query();
    await alice.identity.updateProfile.mutate({ name: "Alice", phone: "+49 151 12345678" });
    const event = await id.events.waitFor(
      "identity.user.preferences_changed.v1",
      (d) => d.userId === me.id && d.phone === "+4915112345678",
    );
    expect(event.data.channels).toMatchObject({ shipping_updates: ["email"] });
    // A bad number publishes nothing and keeps the stored one.
    const err = await trpcError(alice.identity.updateProfile.mutate({ name: "Alice", phone: "12" }));
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect((await alice.identity.me.query()).phone).toBe("+4915112345678");
  });
});
