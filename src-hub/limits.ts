// Size bounds of what the hub sends.

/**
 * Size budget of one `changes` message or sync page. Consoles accept hub messages up to 16 MiB
 * (protocol rev 1.1); 5,000 long-timeline cases could exceed that, so pages are also cut by size.
 */
export const MESSAGE_BYTE_BUDGET = 8 * 1024 * 1024

/** Envelope bytes of one change besides its data (seq, entity, id, version, keys). */
export const CHANGE_OVERHEAD_BYTES = 128
