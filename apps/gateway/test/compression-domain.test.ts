import { describe, expect, test } from "bun:test";
import {
  etagForCoding,
  isCompressibleType,
  negotiateCoding,
  varyOnAcceptEncoding,
} from "../src/domain/content-coding.ts";

describe("content coding negotiation", () => {
  test("brotli when accepted, then gzip, identity otherwise", () => {
    expect(negotiateCoding(null)).toBe("identity");
    expect(negotiateCoding("")).toBe("identity");
    expect(negotiateCoding("gzip, deflate, br, zstd")).toBe("br");
    expect(negotiateCoding("gzip")).toBe("gzip");
    expect(negotiateCoding("deflate")).toBe("identity");
    expect(negotiateCoding("identity")).toBe("identity");
  });

  test("q-values rank the codings; q=0 refuses one; * stands for the ones not named", () => {
    expect(negotiateCoding("br;q=0.2, gzip;q=0.8")).toBe("gzip");
    expect(negotiateCoding("br;q=0, gzip")).toBe("gzip");
    expect(negotiateCoding("BR ; Q=1.0")).toBe("br");
    expect(negotiateCoding("*")).toBe("br");
    expect(negotiateCoding("*;q=0.5, br;q=0")).toBe("gzip");
    expect(negotiateCoding("br;q=0, gzip;q=0")).toBe("identity");
    expect(negotiateCoding("identity;q=1, br;q=0.5")).toBe("identity");
    // Nonsense q-values count as refusals, not as errors.
    expect(negotiateCoding("br;q=abc, gzip")).toBe("gzip");
  });

  test("text is worth compressing; event streams and binary types are not", () => {
    for (const type of [
      "application/json",
      "application/json; charset=utf-8",
      "text/html; charset=utf-8",
      "text/javascript",
      "image/svg+xml",
      "application/problem+json",
    ])
      expect(isCompressibleType(type)).toBe(true);
    for (const type of [
      "text/event-stream",
      "image/webp",
      "image/png",
      "application/octet-stream",
      "application/zip",
      null,
    ])
      expect(isCompressibleType(type)).toBe(false);
  });

  test("Vary keeps what is there; each strong tag gets its coding, a weak tag stays", () => {
    const headers = new Headers({ vary: "Origin" });
    varyOnAcceptEncoding(headers);
    varyOnAcceptEncoding(headers);
    expect(headers.get("vary")).toBe("Origin, Accept-Encoding");
    const star = new Headers({ vary: "*" });
    varyOnAcceptEncoding(star);
    expect(star.get("vary")).toBe("*");
    expect(etagForCoding('"abc-12"', "br")).toBe('"abc-12-br"');
    expect(etagForCoding('"abc-12"', "identity")).toBe('"abc-12"');
    expect(etagForCoding('W/"abc"', "gzip")).toBe('W/"abc"');
  });
});
