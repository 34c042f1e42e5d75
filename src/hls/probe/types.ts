/** A byte range inside a resource, as `EXT-X-BYTERANGE` and `EXT-X-MAP:BYTERANGE` give it. */
export interface ByteRange {
  offset: number;
  length: number;
}

/** Where the first media segment of a discontinuity domain (and its init segment, if any) lives. */
export interface ProbeInput {
  /** `file:` or `http(s):` URL of the media segment. */
  segmentUrl: URL;
  segmentByteRange?: ByteRange;
  /** The `EXT-X-MAP` init segment: fMP4 track timescales, or PAT/PMT for a TS init section. */
  initUrl?: URL;
  initByteRange?: ByteRange;
}

export type ProbedContainer = 'ts' | 'fmp4';

export interface ProbeResult {
  /** The origin hls.js takes for this segment (its initPTS), in 90 kHz ticks, 0 ≤ n < 2^33. */
  mpegts: number;
  container: ProbedContainer;
  /** How the value was chosen, for logs and reports, e.g. `min(audio PTS 131280, video DTS 126000)`. */
  detail: string;
}

export interface ProbeOptions {
  /** Give up on an HTTP request after this many milliseconds (default 15 000). */
  timeoutMs?: number;
}

/**
 * Bytes read from a resource, with what a person needs to find them again: the file path or URL
 * and the absolute offset of `bytes[0]` in it, so every error can name the byte that is wrong.
 */
export interface SourceBytes {
  bytes: Uint8Array;
  source: string;
  offset: number;
}
