import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import {
  type ChosenCoding,
  type ContentCoding,
  isCompressibleType,
  negotiateCoding,
} from "../domain/content-coding.ts";
import type { GatewayMetrics } from "../metrics.ts";

export interface CompressionSettings {
  /** Bodies shorter than this go as they are: the coding's framing would eat the saving. */
  minBytes: number;
  /** 0–11; dynamic answers are compressed per request (or per cache fill), so a low level. */
  brotliQuality: number;
  /** 1–9. */
  gzipLevel: number;
}

/**
 * Compresses response bodies for the gateway, in one place so the cache and the pass-through path
 * follow the same policy and every compression is counted (`gateway_compressions_total`): a cache
 * hit must not show up there. Synchronous zlib: a 50 KB page takes well under a millisecond at
 * these levels (bench/gateway.ts measures the CPU), less than a thread-pool hand-off would cost.
 */
export class Compressor {
  constructor(
    private readonly settings: CompressionSettings,
    private readonly metrics: GatewayMetrics,
  ) {}

  /** The coding to answer a request with, for a body of this type and size. */
  codingFor(acceptEncoding: string | null, contentType: string | null, byteLength: number): ChosenCoding {
    if (byteLength < this.settings.minBytes || !isCompressibleType(contentType)) return "identity";
    return negotiateCoding(acceptEncoding);
  }

  /** Whether a body of this length is too short to be worth compressing. */
  tooSmall(byteLength: number): boolean {
    return byteLength < this.settings.minBytes;
  }

  compress(body: Uint8Array, coding: ContentCoding): Uint8Array<ArrayBuffer> {
    // Synchronous work on this thread: its elapsed time is its CPU time.
    const started = performance.now();
    const out =
      coding === "br"
        ? brotliCompressSync(body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: this.settings.brotliQuality,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
            },
          })
        : gzipSync(body, { level: this.settings.gzipLevel });
    this.metrics.countCompression(coding, body.byteLength, out.byteLength, (performance.now() - started) / 1000);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength) as Uint8Array<ArrayBuffer>;
  }
}
