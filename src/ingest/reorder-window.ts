/**
 * How far back in time a source may step and still stream. Archives written in arrival order are
 * only nearly sorted (a chat logger stamps sentAt from clients' clocks, yt-dlp's offsets jitter,
 * the bench's native archive has milliseconds out of order within each second): messages are held
 * this long (in chat time) before they are handed on, and sorted meanwhile. At a busy chat's 30
 * messages a second that is ~9 000 messages. A module of its own: the main thread, which merges
 * streamed sources (worker/time-order-merge.ts), needs it without importing the readers.
 */
export const REORDER_WINDOW_MS = 5 * 60_000;
