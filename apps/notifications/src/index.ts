export type { Message, MessageKind, MessageStatus, MessageSummary } from "./contract.ts";
export type { NotificationsRouter } from "./router/index.ts";
