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

/** True when the bytes look like MPEG-TS or M2TS: sync bytes where the first packets should start. */
export function looksLikeTransportStream(bytes: Uint8Array): boolean {
  return detectLayout(bytes) !== undefined;
}

function detectLayout(bytes: Uint8Array): PacketLayout | undefined {
  return LAYOUTS.find(({ packetSize, syncOffset }) => {
    // Up to three packets must agree, so a stray 0x47 in some other format is not mistaken for TS.
    const packets = Math.min(3, Math.floor(bytes.length / packetSize)) || 1;
    for (let i = 0; i < packets; i++) {
      if (bytes[i * packetSize + syncOffset] !== SYNC_BYTE) return false;
    }
    return true;
  });
}

/**
 * The transport packets of `data`, in order. Packets flagged with a transport error are skipped, as
 * a player would; a lost sync byte or an adaptation field that overruns its packet is an input error.
 */
export function* tsPackets(data: SourceBytes): Generator<TsPacket> {
  const { bytes, source, offset } = data;
  const layout = detectLayout(bytes);
  if (!layout) {
    throw inputError('not an MPEG-TS segment: no 0x47 sync byte at the start of the first packets', source, {
      path: `byte ${offset}`,
    });
  }
  const { packetSize, syncOffset } = layout;
  for (let start = 0; start < bytes.length; start += packetSize) {
    const at = start + syncOffset;
    if (bytes.length - start < packetSize) {
      throw inputError(`segment ends inside a transport packet (${bytes.length - start} of ${packetSize} bytes)`, source, {
        path: `byte ${offset + start}`,
      });
    }
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
