import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { passwordWeakness } from "../src/domain/password-strength.ts";
import { authHttp, type Identity, linkOf, signIn, signUp, startIdentity, uniqueEmail } from "./harness.ts";

let id: Identity;

beforeAll(async () => {
  id = await startIdentity();
}, 30_000);

afterAll(async () => {
  await id?.dispose();
});

const WEAK = ["12345678", "password1", "qwertyuiop", "iloveyou2"];
const userCount = async () =>
  Number((await id.service.deps.db.client.execute("SELECT count(*) AS n FROM user")).rows[0]?.n);

interface Refusal {
  code: string;
  message: string;
  field?: string;
}

async function expectWeak(res: Response): Promise<void> {
  expect(res.status).toBe(400);
  const body = (await res.json()) as Refusal;
  expect(body).toMatchObject({ code: "PASSWORD_TOO_WEAK", field: "password" });
  expect(body.message).toStartWith("password: this password is too easy to guess.");
  // One sentence per hint, no doubled full stops.
  expect(body.message).not.toContain("..");
}

describe("a guessable password is refused wherever one is set", () => {
  for (const password of WEAK) {
    test(`sign-up with ${password}: 400 naming password, no account`, async () => {
      const before = await userCount();
      const res = await authHttp(id.url).post("/sign-up/email", { email: uniqueEmail("weak"), password, name: "W" });
      await expectWeak(res);
      expect(await userCount()).toBe(before);
    });
  }

  test("a password made of the shopper's own email counts as guessable", async () => {
    const email = uniqueEmail("margaret.hamilton");
    expect(await passwordWeakness(email, 3, [email])).toMatch(/^password: /);
  });

  test("change password: a weak new one is refused and the old one still works", async () => {
    const email = uniqueEmail("chg-weak");
    const s = await signUp(id.url, email, "old-password-1");
    const res = await authHttp(id.url).post(
      "/change-password",
      { currentPassword: "old-password-1", newPassword: "password1" },
      { authorization: `Bearer ${s.sessionToken}` },
    );
    await expectWeak(res);
    await signIn(id.url, email, "old-password-1");
  });

  test("reset password: a weak new one is refused, the token still works for a strong one", async () => {
    const email = uniqueEmail("reset-weak");
    const s = await signUp(id.url, email, "forgotten-pass-1");
    expect((await authHttp(id.url).post("/request-password-reset", { email })).status).toBe(200);
    const event = await id.events.waitFor("identity.password_reset.requested.v2", (d) => d.userId === s.userId);
    const token = (await linkOf(id.url, event)).searchParams.get("token") ?? "";

    await expectWeak(await authHttp(id.url).post("/reset-password", { token, newPassword: "12345678" }));
    await signIn(id.url, email, "forgotten-pass-1");

    const ok = await authHttp(id.url).post("/reset-password", { token, newPassword: "remembered-pass-1" });
    expect(ok.status).toBe(200);
    await signIn(id.url, email, "remembered-pass-1");
  });

  test("the shared test passwords pass, and a too-short one still reads as too short", async () => {
    for (const password of ["correct-horse-1", "mercato-shopper-1", `pw-${crypto.randomUUID()}`]) {
      const res = await authHttp(id.url).post("/sign-up/email", { email: uniqueEmail("ok"), password, name: "Ok" });
      expect(res.status).toBe(200);
    }
    const short = await authHttp(id.url).post("/sign-up/email", {
      email: uniqueEmail("s"),
      password: "1234",
      name: "S",
    });
    expect(short.status).toBe(400);
    expect(((await short.json()) as Refusal).message).toMatch(/password.*short/i);
  });
});

describe("the shop's configured minimum", () => {
  test("PASSWORD_MIN_SCORE=4 refuses a password that scores 3", async () => {
    // Found by zxcvbn itself, so the test follows the estimator rather than a guess about it.
    const three = "monkey-banana";
    const scored = await passwordWeakness(three, 4);
    const atThree = await passwordWeakness(three, 3);
    expect(atThree).toBeNull();
    expect(scored).toMatch(/^password: /);
    const strict = await startIdentity({ PASSWORD_MIN_SCORE: "4" });
    try {
      await expectWeak(
        await authHttp(strict.url).post("/sign-up/email", { email: uniqueEmail("strict"), password: three, name: "S" }),
      );
    } finally {
      await strict.dispose();
    }
  }, 30_000);
});
