import { inputError } from '../../errors.js';
import { concatBytes, hex } from './bytes.js';

/** Timestamps of one PES packet in 90 kHz ticks. Without a DTS field, DTS equals PTS (ISO 13818-1 2.4.3.7). */
export interface PesTimestamps {
  pts: number;
  dts: number;
  /** Absolute offset of the PES start code, for the probe's detail and errors. */
  offset: number;
}

/** stream_ids whose PES packets have no optional header, hence no PTS/DTS (ISO 13818-1 table 2-22). */
const NO_OPTIONAL_HEADER = new Set([0xbc, 0xbe, 0xbf, 0xf0, 0xf1, 0xf2, 0xf8, 0xff]);
const FIXED_HEADER_LENGTH = 9;

/**
 * Collects the start of one PES packet across transport packets until its header is complete.
 * A header is at most 9 + 255 bytes, but a muxer may split it anywhere, even in its first 9 bytes.
 */
export class PesHeaderAssembler {
  private parts: Uint8Array[] = [];
  private collected = 0;
  private offset = 0;

  constructor(private readonly source: string) {}

  /**
   * Feeds one packet's payload. Returns the timestamps once the header is complete, `null` for a
   * complete header that carries none, and `undefined` while more bytes are needed.
   */
  push(payload: Uint8Array, unitStart: boolean, payloadOffset: number): PesTimestamps | null | undefined {
    if (unitStart) {
      if (this.parts.length) {
        throw inputError(`PES header cut short: a new PES starts before ${this.collected} header bytes were complete`, this.source, {
          path: `byte ${this.offset}`,
        });
      }
      this.parts = [payload];
      this.collected = payload.length;
      this.offset = payloadOffset;
    } else if (this.parts.length) {
      this.parts.push(payload);
      this.collected += payload.length;
    } else {
      return undefined; // the rest of a PES that began before this segment
    }
    const header = concatBytes(this.parts, this.collected);
    const needed = headerLength(header, this.offset, this.source);
    if (needed === undefined || header.length < needed) return undefined;
    this.parts = [];
    return readTimestamps(header, this.offset, this.source);
  }
}

/** Total header length once the fixed part is known; undefined while even that is incomplete. */
function headerLength(header: Uint8Array, offset: number, source: string): number | undefined {
  if (header.length < 4) return undefined;
  if (header[0] !== 0 || header[1] !== 0 || header[2] !== 1) {
    throw inputError(
      `PES start code 00 00 01 missing (found ${hex(header[0] ?? 0)} ${hex(header[1] ?? 0)} ${hex(header[2] ?? 0)})`,
      source,
      { path: `byte ${offset}` },
    );
  }
  if (NO_OPTIONAL_HEADER.has(header[3] ?? 0)) return 4;
  if (header.length < FIXED_HEADER_LENGTH) return undefined;
  return FIXED_HEADER_LENGTH + (header[8] ?? 0);
}

function readTimestamps(header: Uint8Array, offset: number, source: string): PesTimestamps | null {
  if (NO_OPTIONAL_HEADER.has(header[3] ?? 0)) return null;
  if (((header[6] ?? 0) & 0xc0) !== 0x80) {
    throw inputError(`PES optional header lacks its '10' marker bits (byte 0x${hex(header[6] ?? 0)})`, source, {
      path: `byte ${offset + 6}`,
    });
  }
  const flags = (header[7] ?? 0) >> 6;
  if (flags === 0) return null;
  if (flags === 1) {
    throw inputError('PES PTS_DTS_flags is 01, which ISO 13818-1 forbids', source, { path: `byte ${offset + 7}` });
  }
  const available = header[8] ?? 0;
  const required = flags === 3 ? 10 : 5;
  if (available < required) {
    throw inputError(`PES header_data_length ${available} is too short for its ${flags === 3 ? 'PTS and DTS' : 'PTS'}`, source, {
      path: `byte ${offset + 8}`,
    });
  }
  const pts = readTimestamp(header, 9);
  const dts = flags === 3 ? readTimestamp(header, 14) : pts;
  return { pts, dts, offset };
}

/**
 * A 33-bit timestamp packed into 5 bytes around marker bits. Bitwise operators are 32-bit in JS, so
 * the top 3 bits are added by multiplication. Marker bits are not checked: players do not either.
 */
function readTimestamp(b: Uint8Array, at: number): number {
  const top3 = ((b[at] ?? 0) >> 1) & 0x07;
  const low30 =
    ((b[at + 1] ?? 0) << 22) | (((b[at + 2] ?? 0) >> 1) << 15) | ((b[at + 3] ?? 0) << 7) | ((b[at + 4] ?? 0) >> 1);
  return top3 * 2 ** 30 + low30;
}
