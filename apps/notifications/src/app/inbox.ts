/** The inbox name of the notifications consumer: an event id recorded under it is not handled again. */
export const INBOX_CONSUMER = "notifications";
