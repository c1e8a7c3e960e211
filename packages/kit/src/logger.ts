import pino, { type Logger } from "pino";

export type { Logger };

/** Structured JSON logs. Secrets and credentials are redacted wherever they appear. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        "authorization",
        "cookie",
        "password",
        "*.authorization",
        "*.cookie",
        "*.password",
        "*.secret",
        "headers.authorization",
        "headers.cookie",
        'headers["x-service-token"]',
      ],
      censor: "[redacted]",
    },
  });
}
