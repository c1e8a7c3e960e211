/** The inbox name of the analytics consumer: an event id recorded under it is not counted again. */
export const INBOX_CONSUMER = "analytics";
