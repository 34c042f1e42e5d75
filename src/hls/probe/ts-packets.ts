import { inputError } from '../../errors.js';
import { hex } from './bytes.js';
import type { SourceBytes } from './types.js';

const SYNC_BYTE = 0x47;
const TS_PACKET_SIZE = 188;
/** M2TS (Blu-ray, some recorders) prefixes each 188-byte packet with a 4-byte arrival timestamp. */
const M2TS_PACKET_SIZE = 192;

export interface TsPacket {
  pid: number;
  payloadUnitStart: boolean;
  /** Payload after any adaptation field; may be empty. */
  payload: Uint8Array;
  /** Absolute offset of the payload's first byte in the source, for error messages. */
  payloadOffset: number;
}

interface PacketLayout {
  packetSize: number;
  /** Where the 0x47 sync byte sits inside each packet: 0 for TS, 4 for M2TS. */
  syncOffset: number;
}

const LAYOUTS: readonly PacketLayout[] = [
  { packetSize: TS_PACKET_SIZE, syncOffset: 0 },
  { packetSize: M2TS_PACKET_SIZE, syncOffset: 4 },
];

/** How far into the data the first packet may start: hls.js also skips leading junk (TSDemuxer.syncOffset). */
const SYNC_SEARCH_PACKETS = 5;
/** Consecutive sync bytes that must line up, so a stray 0x47 in other data is not taken for TS. */
const SYNCS_REQUIRED = 3;

interface PacketGrid extends PacketLayout {
  /** Index of the first byte of the first whole packet. */
  firstPacket: number;
}

/** True when the bytes look like MPEG-TS or M2TS: sync bytes lined up at the packet size. */
export function looksLikeTransportStream(bytes: Uint8Array): boolean {
  return findPacketGrid(bytes) !== undefined;
}

function findPacketGrid(bytes: Uint8Array): PacketGrid | undefined {
  for (const layout of LAYOUTS) {
    const searchEnd = Math.min(bytes.length, layout.packetSize * SYNC_SEARCH_PACKETS);
    for (let first = 0; first < searchEnd; first++) {
      if (syncsLineUp(bytes, first, layout)) return { ...layout, firstPacket: first };
    }
  }
  return undefined;
}

function syncsLineUp(bytes: Uint8Array, first: number, { packetSize, syncOffset }: PacketLayout): boolean {
  // Two packets at least: a lone 0x47 ('G') proves nothing, and no probe fits in one packet anyway.
  const wholePackets = Math.floor((bytes.length - first) / packetSize);
  if (wholePackets < 2) return false;
  for (let i = 0; i < Math.min(SYNCS_REQUIRED, wholePackets); i++) {
    if (bytes[first + i * packetSize + syncOffset] !== SYNC_BYTE) return false;
  }
  return true;
}

/**
 * The transport packets of `data`, in order. Like hls.js, leading bytes before the first packet and
 * a partial packet at the end are ignored, and packets flagged with a transport error are skipped.
 * Unlike hls.js, a lost sync byte mid-segment is an input error: a packager should not guess at
 * corrupted timestamps. An adaptation field that overruns its packet is one too.
 */
export function* tsPackets(data: SourceBytes): Generator<TsPacket> {
  const { bytes, source, offset } = data;
  const grid = findPacketGrid(bytes);
  if (!grid) {
    throw inputError('not an MPEG-TS segment: no run of 0x47 sync bytes 188 (or 192) bytes apart near its start', source, {
      path: `byte ${offset}`,
    });
  }
  const { packetSize, syncOffset, firstPacket } = grid;
  for (let start = firstPacket; bytes.length - start >= packetSize; start += packetSize) {
    const at = start + syncOffset;
    if (bytes[at] !== SYNC_BYTE) {
      throw inputError(`lost MPEG-TS sync: expected 0x47, found 0x${hex(bytes[at] ?? 0)}`, source, {
        path: `byte ${offset + at}`,
      });
    }
    const packet = parsePacket(bytes, at, offset, source);
    if (packet) yield packet;
  }
}

function parsePacket(bytes: Uint8Array, at: number, offset: number, source: string): TsPacket | undefined {
  const b1 = bytes[at + 1] ?? 0;
  const b3 = bytes[at + 3] ?? 0;
  if (b1 & 0x80) return undefined; // transport_error_indicator: the demodulator says this packet is damaged
  const pid = ((b1 & 0x1f) << 8) | (bytes[at + 2] ?? 0);
  const adaptationFieldControl = (b3 >> 4) & 0x3;
  let payloadStart = at + 4;
  if (adaptationFieldControl & 0x2) {
    const adaptationLength = bytes[at + 4] ?? 0;
    payloadStart += 1 + adaptationLength;
    if (payloadStart > at + TS_PACKET_SIZE) {
      throw inputError(`adaptation field length ${adaptationLength} overruns its 188-byte packet`, source, {
        path: `byte ${offset + at + 4}`,
      });
    }
  }
  // Control 0b00 is reserved and 0b10 means "adaptation field only": neither carries payload.
  const hasPayload = (adaptationFieldControl & 0x1) !== 0;
  const end = at + TS_PACKET_SIZE;
  return {
    pid,
    payloadUnitStart: (b1 & 0x40) !== 0,
    payload: hasPayload ? bytes.subarray(payloadStart, end) : bytes.subarray(end, end),
    payloadOffset: offset + payloadStart,
  };
}
