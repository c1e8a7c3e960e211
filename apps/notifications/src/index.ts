export type { MessageStatus } from "./db/schema.ts";
export type { NotificationsRouter } from "./router/index.ts";
