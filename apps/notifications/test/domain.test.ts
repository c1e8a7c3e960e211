import { describe, expect, test } from "bun:test";
import { MESSAGE_KINDS } from "../src/contract.ts";
import { isE164, SMS_MAX_LENGTH, smsBody, smsKeyword } from "../src/domain/channels.ts";
import { nextLookup } from "../src/domain/deferral.ts";
import { alertRecipients, classifyFailure, isDeliverableAddress, retryDelayMs } from "../src/domain/delivery.ts";
import { money } from "../src/domain/format.ts";
import { storefrontLinks } from "../src/domain/links.ts";
import { type ChannelChoices, decideChannels, TEMPLATE_KINDS } from "../src/domain/preferences.ts";
import { twilioSignature, validTwilioSignature } from "../src/domain/twilio-signature.ts";

describe("delivery rules", () => {
  test("429, 5xx and no answer are retried; other 4xx fail at once", () => {
    expect(classifyFailure(429)).toBe("retry");
    expect(classifyFailure(500)).toBe("retry");
    expect(classifyFailure(503)).toBe("retry");
    expect(classifyFailure(null)).toBe("retry");
    expect(classifyFailure(400)).toBe("fatal");
    expect(classifyFailure(401)).toBe("fatal");
    expect(classifyFailure(422)).toBe("fatal");
  });

  test("backoff doubles from the base and stops at the attempt bound", () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 5, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(5, 5, 1000)).toBeNull();
    expect(retryDelayMs(1, 1, 1000)).toBeNull();
    expect(retryDelayMs(30, 50, 1000)).toBe(15 * 60_000);
  });

  test("deliverable addresses", () => {
    for (const ok of ["a@b.co", "first.last+tag@mail.example.com"]) expect(isDeliverableAddress(ok)).toBe(true);
    for (const bad of ["", "nobody", "a@b", "a b@c.com", "Name <a@b.com>", "a@b.com,c@d.com", "@b.com", "a@@b.com"]) {
      expect(isDeliverableAddress(bad)).toBe(false);
    }
  });

  test("alert recipients merge identity's admins with the configured list, each once", () => {
    expect(alertRecipients(["Ops@Shop.dev", "boss@shop.dev"], ["ops@shop.dev", " extra@shop.dev "])).toEqual([
      "Ops@Shop.dev",
      "boss@shop.dev",
      "extra@shop.dev",
    ]);
    expect(alertRecipients([], [])).toEqual([]);
  });
});

describe("deferred recipient lookups", () => {
  test("back off, cap at ten minutes, give up after the maximum wait", () => {
    expect(nextLookup(1, 0, 5000, 60_000)).toEqual({ giveUp: false, delayMs: 5000 });
    expect(nextLookup(3, 0, 5000, 60_000)).toEqual({ giveUp: false, delayMs: 20_000 });
    expect(nextLookup(20, 0, 5000, 3_600_000)).toEqual({ giveUp: false, delayMs: 600_000 });
    expect(nextLookup(2, 60_000, 5000, 60_000)).toEqual({ giveUp: true });
  });
});

describe("formatting", () => {
  test("money in minor units, known and unknown currencies", () => {
    expect(money(1999, "EUR")).toBe("€19.99");
    expect(money(5, "XYZ")).toBe("0.05 XYZ");
    expect(money(-1250, "CHF")).toBe("-12.50 CHF");
  });

  test("links survive a trailing slash and escape ids", () => {
    const l = storefrontLinks("http://localhost:3000/");
    expect(l.order("a/b")).toBe("http://localhost:3000/account/orders/a%2Fb");
    expect(l.pay("o1")).toBe("http://localhost:3000/checkout/pay/o1");
  });
});

describe("preferences decide the channels", () => {
  const prefs = (channels: ChannelChoices, marketingConsent = false) => ({ channels, marketingConsent });

  test("every template has a kind; staff alerts have none", () => {
    for (const kind of MESSAGE_KINDS) expect(TEMPLATE_KINDS[kind]).not.toBeUndefined();
    expect(TEMPLATE_KINDS["low-stock"]).toBeNull();
    expect(TEMPLATE_KINDS["shipment-shipped"]).toBe("shipping_updates");
    expect(TEMPLATE_KINDS["return-approved"]).toBe("returns");
    expect(TEMPLATE_KINDS["password-reset"]).toBe("account");
  });

  test("guests and users without preferences get email, except marketing", () => {
    expect(decideChannels("order_updates", null).send).toEqual(["email"]);
    expect(decideChannels("shipping_updates", prefs({})).send).toEqual(["email"]);
    expect(decideChannels("marketing", null)).toEqual({ send: [], reason: "no marketing consent" });
  });

  test("a kind turned off sends nothing; SMS and push are sent as chosen (#22)", () => {
    expect(decideChannels("shipping_updates", prefs({ shipping_updates: [] }))).toMatchObject({ send: [] });
    expect(decideChannels("returns", prefs({ returns: ["sms", "email"] }))).toEqual({ send: ["sms", "email"] });
    expect(decideChannels("shipping_updates", prefs({ shipping_updates: ["push"] }))).toEqual({ send: ["push"] });
  });

  test("account emails always go by email; marketing only with consent", () => {
    expect(decideChannels("account", prefs({ account: [] })).send).toEqual(["email"]);
    // A password reset by text as well, when chosen; never by push (a lock screen shows it).
    expect(decideChannels("account", prefs({ account: ["sms", "push"] })).send).toEqual(["email", "sms"]);
    expect(decideChannels(null, prefs({ order_updates: [] })).send).toEqual(["email"]);
    expect(decideChannels("marketing", prefs({ marketing: ["email"] })).send).toEqual([]);
    expect(decideChannels("marketing", prefs({ marketing: ["email"] }, true)).send).toEqual(["email"]);
    expect(decideChannels("marketing", prefs({ marketing: [] }, true)).send).toEqual([]);
  });
});

describe("channels (#22)", () => {
  test("opt-out words are whole messages, any case; START opts back in", () => {
    for (const w of ["STOP", "stop", " Stop ", "unsubscribe", "CANCEL", "end", "Quit", "stop."]) {
      expect(smsKeyword(w)?.action).toBe("opt_out");
    }
    expect(smsKeyword("start")).toEqual({ action: "opt_in", word: "START" });
    expect(smsKeyword("please stop")).toBeNull();
    expect(smsKeyword("where is my parcel")).toBeNull();
  });

  test("Twilio's signature: HMAC-SHA1 of the URL and the sorted params, base64 (Twilio's documented example)", () => {
    // The worked example of Twilio's request validation (its SDKs' RequestValidator tests).
    const params = {
      To: "+18005551212",
      CallSid: "CA1234567890ABCDE",
      Digits: "1234",
      From: "+14158675309",
      Caller: "+14158675309",
    };
    const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    expect(twilioSignature("12345", url, params)).toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    expect(validTwilioSignature("12345", url, params, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).toBe(true);
    expect(validTwilioSignature("12345", url, { ...params, Digits: "9" }, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).toBe(false);
    expect(validTwilioSignature("12345", url, params, undefined)).toBe(false);
  });

  test("an SMS names the shop and keeps the link whole; long subjects are cut", () => {
    expect(smsBody("Mercato", "Your order M-1 has shipped", "https://shop/o/1")).toBe(
      "Mercato: Your order M-1 has shipped https://shop/o/1",
    );
    const long = smsBody("Mercato", "x".repeat(1000), "https://shop/o/1");
    expect(long.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(long.endsWith(" https://shop/o/1")).toBe(true);
    expect(isE164("+4915112345678")).toBe(true);
    expect(isE164("015112345678")).toBe(false);
  });
});
