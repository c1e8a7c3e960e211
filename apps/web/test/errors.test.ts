// How the web reads a failed call: from the error's data (field, reason, issues), as the typed
// client hands it over, never from the message's text; errors without data keep their message.
import { afterAll, describe, expect, test } from "bun:test";
import { createMercatoClient } from "@mercato/client";
import { formErrors } from "../lib/admin/errors.ts";
import { errorCode, errorData, fieldErrors, fieldsUnder, sentence } from "../lib/errors.ts";
import { codeProblemText, errorMessage } from "../lib/shop/errors.ts";

// A stand-in gateway answering every call with the error body the kit's formatter sends
// (packages/kit/src/trpc.ts), in the batch and superjson framing the client expects.
let answer: Record<string, unknown> = {};
const gateway = Bun.serve({
  port: 0,
  fetch: () => Response.json([{ error: { json: answer } }], { status: 400 }),
});
afterAll(() => gateway.stop(true));
const client = createMercatoClient({ baseUrl: gateway.url.origin });

/** The error the typed client throws when a service answers with `shape`. */
async function failure(shape: Record<string, unknown>): Promise<unknown> {
  answer = shape;
  return client.cart.applyCode.mutate({ code: "NOPE" }).then(
    () => {
      throw new Error("the call was expected to fail");
    },
    (err: unknown) => err,
  );
}

const refusal = {
  message: 'code: "NOPE" is not a valid code',
  code: -32600,
  data: {
    code: "BAD_REQUEST",
    httpStatus: 400,
    path: "cart.applyCode",
    field: "code",
    reason: '"NOPE" is not a valid code',
  },
};

const schemaFailure = {
  message: "Invalid input: shippingAddress.postalCode: Too small; email: Invalid email address",
  code: -32600,
  data: {
    code: "BAD_REQUEST",
    httpStatus: 400,
    path: "orders.checkout",
    field: "shippingAddress.postalCode",
    reason: "Too small",
    issues: [
      { path: ["shippingAddress", "postalCode"], message: "Too small" },
      { path: ["email"], message: "Invalid email address" },
      { path: ["email"], message: "a second complaint about the same field" },
    ],
  },
};

describe("a refusal names its field in data", () => {
  test("the field and its reason come from data, the code too", async () => {
    const err = await failure(refusal);
    expect(errorCode(err)).toBe("BAD_REQUEST");
    expect(fieldErrors(err)).toEqual({ code: '"NOPE" is not a valid code' });
    // The shopper reads the reason as a sentence: no `code:` prefix (the field shows it beside its input).
    expect(errorMessage(err)).toBe('"NOPE" is not a valid code.');
    expect(formErrors(err)).toEqual({ form: null, fields: { code: '"NOPE" is not a valid code' } });
  });

  test("the message alone places nothing: a field is read only from data", async () => {
    const err = await failure({ ...refusal, data: { code: "CONFLICT", httpStatus: 409, path: "cart.applyCode" } });
    expect(fieldErrors(err)).toEqual({});
    expect(formErrors(err)).toEqual({ form: 'code: "NOPE" is not a valid code', fields: {} });
  });

  test("a schema failure places every issue (the first per field) and keeps its summary for the form", async () => {
    const err = await failure(schemaFailure);
    expect(fieldErrors(err)).toEqual({ "shippingAddress.postalCode": "Too small", email: "Invalid email address" });
    expect(fieldsUnder(fieldErrors(err), "shippingAddress")).toEqual({ postalCode: "Too small" });
    expect(fieldsUnder(fieldErrors(err), "billingAddress")).toEqual({});
    expect(formErrors(err)).toEqual({
      form: schemaFailure.message,
      fields: { "shippingAddress.postalCode": "Too small", email: "Invalid email address" },
    });
  });

  test("malformed data is ignored rather than trusted", () => {
    const err = Object.assign(new Error("odd"), {
      data: { code: 7, field: ["x"], reason: "r", issues: [{ path: "email", message: "no" }, null] },
    });
    expect(errorData(err)).toEqual({ reason: "r", issues: [] });
    expect(fieldErrors(err)).toEqual({});
  });
});

describe("errors without data keep their message", () => {
  test("an unreachable platform says so in words a person can use", async () => {
    const closed = Bun.serve({ port: 0, fetch: () => new Response() });
    const origin = closed.url.origin;
    closed.stop(true);
    const err = await createMercatoClient({ baseUrl: origin })
      .cart.get.query({})
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(errorCode(err)).toBeUndefined();
    expect(fieldErrors(err)).toEqual({});
    expect(errorMessage(err)).toBe("We could not reach the shop. Check your connection and try again.");
    expect(formErrors(err)).toEqual({ form: "The platform could not be reached.", fields: {} });
    // The browser's own fetch (sign-in, the token) fails with its own wording.
    expect(errorMessage(new TypeError("Failed to fetch"))).toBe(
      "We could not reach the shop. Check your connection and try again.",
    );
  });

  test("better-auth's answers and other plain errors show as they are", () => {
    const signIn = new Error("Invalid email or password");
    expect(fieldErrors(signIn)).toEqual({});
    expect(errorMessage(signIn)).toBe("Invalid email or password.");
    expect(formErrors(new Error("Admins only"))).toEqual({ form: "Admins only", fields: {} });
    expect(errorMessage("not an error")).toBe("Something went wrong. Please try again.");
  });

  test("a cart's discount problem is shown beside the code without the field's name", () => {
    expect(codeProblemText('code: "SAVE5" has been used up')).toBe('"SAVE5" has been used up');
    expect(codeProblemText('"SAVE5" has been used up')).toBe('"SAVE5" has been used up');
  });
});

describe("shopper copy (#21): no developer-style messages", () => {
  test("a pending payment's conflict reads as a sentence for a person, not `paymentId: …`", async () => {
    const err = await failure({
      message: "paymentId: the card's authentication step is pending",
      code: -32600,
      data: {
        code: "CONFLICT",
        httpStatus: 409,
        path: "payments.confirmTest",
        field: "paymentId",
        reason: "the card's authentication step is pending",
      },
    });
    const shown = errorMessage(err);
    expect(shown).not.toContain("paymentId");
    expect(shown).toStartWith("This payment cannot be started right now.");
  });

  test("schema failures with several fields point at the fields; one field reads its reason", async () => {
    expect(errorMessage(await failure(schemaFailure))).toBe(
      "Some details need your attention: check the fields marked below.",
    );
    const one = { ...schemaFailure, data: { ...schemaFailure.data, issues: [schemaFailure.data.issues[0]] } };
    expect(errorMessage(await failure(one))).toBe("Too small.");
  });

  test("server faults and rate limits say what to do, never the raw message", async () => {
    const boom = { message: "Internal server error", code: -32603, data: { code: "INTERNAL_SERVER_ERROR" } };
    expect(errorMessage(await failure(boom))).toBe("Something went wrong on our side. Please try again.");
    const slow = { message: "Too many requests", code: -32600, data: { code: "TOO_MANY_REQUESTS" } };
    expect(errorMessage(await failure(slow))).toBe("Too many tries in a short time. Wait a moment, then try again.");
  });

  test("sentence(): one closing full stop, capitalised, prefixes dropped", () => {
    expect(sentence("Your card was declined.")).toBe("Your card was declined.");
    expect(sentence("your card was declined..")).toBe("Your card was declined.");
    expect(sentence("password: this password is too easy to guess. Add a word.")).toBe(
      "This password is too easy to guess. Add a word.",
    );
    expect(sentence("card.number: incorrect_number")).toBe("Incorrect_number.");
    expect(sentence("Invalid input: shippingAddress.postalCode: Too small")).toBe("Too small.");
    expect(sentence("Are you sure?")).toBe("Are you sure?");
    expect(sentence("  ")).toBe("");
  });
});
