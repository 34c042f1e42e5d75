import { inputError } from '../../errors.js';
import { concatBytes } from './bytes.js';
import { tsPackets } from './ts-packets.js';
import type { SourceBytes } from './types.js';

const PAT_PID = 0x0000;
const PAT_TABLE_ID = 0x00;
const PMT_TABLE_ID = 0x02;

export type ElementaryKind = 'video' | 'audio';

/** The elementary streams hls.js would play: the first video and the first audio stream of the PMT. */
export interface ProgramStreams {
  videoPid?: number;
  audioPid?: number;
  /** stream_type values, for the probe's detail line. */
  videoStreamType?: number;
  audioStreamType?: number;
}

/** stream_type → kind for the codecs players handle; anything else (ID3, SCTE-35, teletext) is ignored. */
const STREAM_KINDS: ReadonlyMap<number, ElementaryKind> = new Map([
  [0x01, 'video'], // MPEG-1 video
  [0x02, 'video'], // MPEG-2 video
  [0x10, 'video'], // MPEG-4 part 2
  [0x1b, 'video'], // H.264/AVC
  [0x24, 'video'], // H.265/HEVC
  [0x33, 'video'], // H.266/VVC
  [0x03, 'audio'], // MPEG-1 audio
  [0x04, 'audio'], // MPEG-2 audio
  [0x0f, 'audio'], // AAC in ADTS
  [0x11, 'audio'], // AAC in LATM
  [0x81, 'audio'], // AC-3 (ATSC)
  [0x87, 'audio'], // E-AC-3 (ATSC)
]);

/** DVB puts AC-3, E-AC-3 and Opus in stream_type 0x06 (private data) and names the codec in a descriptor. */
const AUDIO_DESCRIPTOR_TAGS = new Set([0x6a /* AC-3 */, 0x7a /* E-AC-3 */]);
const AUDIO_REGISTRATIONS = new Set(['AC-3', 'EAC3', 'Opus']);
const REGISTRATION_DESCRIPTOR = 0x05;

/**
 * Finds the PAT, then the PMT of its first program, and returns the PIDs of the streams hls.js
 * would demux. PSI sections may span packets, so each is reassembled before it is read.
 */
export function findProgramStreams(data: SourceBytes): ProgramStreams | undefined {
  let pmtPid: number | undefined;
  const pat = new SectionAssembler();
  const pmt = new SectionAssembler();
  for (const packet of tsPackets(data)) {
    if (packet.pid === PAT_PID && pmtPid === undefined) {
      const section = pat.push(packet.payload, packet.payloadUnitStart, packet.payloadOffset, data.source);
      if (section) pmtPid = readPat(section, data.source);
    } else if (packet.pid === pmtPid) {
      const section = pmt.push(packet.payload, packet.payloadUnitStart, packet.payloadOffset, data.source);
      if (section) return readPmt(section, data.source);
    }
  }
  return undefined;
}

interface Section {
  bytes: Uint8Array;
  /** Absolute offset of the section's table_id byte, for error messages. */
  offset: number;
}

/** Collects one PSI section that may continue over several packets of the same PID. */
class SectionAssembler {
  private parts: Uint8Array[] = [];
  private collected = 0;
  private offset = 0;

  push(payload: Uint8Array, unitStart: boolean, payloadOffset: number, source: string): Section | undefined {
    if (unitStart) {
      const pointer = payload[0] ?? 0;
      if (1 + pointer > payload.length) {
        throw inputError(`PSI pointer_field ${pointer} points past its packet`, source, { path: `byte ${payloadOffset}` });
      }
      this.parts = [payload.subarray(1 + pointer)];
      this.collected = payload.length - 1 - pointer;
      this.offset = payloadOffset + 1 + pointer;
    } else if (this.parts.length) {
      this.parts.push(payload);
      this.collected += payload.length;
    } else {
      return undefined; // the tail of a section that started before this segment
    }
    if (this.collected < 3) return undefined;
    const joined = concatBytes(this.parts, this.collected);
    const total = 3 + ((((joined[1] ?? 0) & 0x0f) << 8) | (joined[2] ?? 0));
    if (this.collected < total) return undefined;
    this.parts = [];
    return { bytes: joined.subarray(0, total), offset: this.offset };
  }
}

function readPat({ bytes, offset }: Section, source: string): number | undefined {
  expectTable(bytes, PAT_TABLE_ID, 'PAT', offset, source);
  // Entries sit between the 8-byte header and the 4-byte CRC; program 0 points at the network PID.
  for (let i = 8; i + 4 <= bytes.length - 4; i += 4) {
    const programNumber = ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
    if (programNumber !== 0) return (((bytes[i + 2] ?? 0) & 0x1f) << 8) | (bytes[i + 3] ?? 0);
  }
  throw inputError('PAT lists no program', source, { path: `byte ${offset}` });
}

function readPmt({ bytes, offset }: Section, source: string): ProgramStreams {
  expectTable(bytes, PMT_TABLE_ID, 'PMT', offset, source);
  const streams: ProgramStreams = {};
  const programInfoLength = (((bytes[10] ?? 0) & 0x0f) << 8) | (bytes[11] ?? 0);
  const end = bytes.length - 4; // CRC_32
  for (let i = 12 + programInfoLength; i + 5 <= end; ) {
    const streamType = bytes[i] ?? 0;
    const pid = (((bytes[i + 1] ?? 0) & 0x1f) << 8) | (bytes[i + 2] ?? 0);
    const infoLength = (((bytes[i + 3] ?? 0) & 0x0f) << 8) | (bytes[i + 4] ?? 0);
    if (i + 5 + infoLength > end) {
      throw inputError(`PMT entry for PID ${pid} has ES_info_length ${infoLength}, past the section end`, source, {
        path: `byte ${offset + i + 3}`,
      });
    }
    const kind = STREAM_KINDS.get(streamType) ??
      (streamType === 0x06 && hasAudioDescriptor(bytes.subarray(i + 5, i + 5 + infoLength)) ? 'audio' : undefined);
    // Like hls.js, the first stream of each kind wins; later ones are alternate languages or angles.
    if (kind === 'video' && streams.videoPid === undefined) {
      streams.videoPid = pid;
      streams.videoStreamType = streamType;
    } else if (kind === 'audio' && streams.audioPid === undefined) {
      streams.audioPid = pid;
      streams.audioStreamType = streamType;
    }
    i += 5 + infoLength;
  }
  return streams;
}

function hasAudioDescriptor(descriptors: Uint8Array): boolean {
  for (let i = 0; i + 2 <= descriptors.length; i += 2 + (descriptors[i + 1] ?? 0)) {
    const tag = descriptors[i] ?? 0;
    if (AUDIO_DESCRIPTOR_TAGS.has(tag)) return true;
    if (tag === REGISTRATION_DESCRIPTOR) {
      const format = String.fromCharCode(...descriptors.subarray(i + 2, i + 6));
      if (AUDIO_REGISTRATIONS.has(format)) return true;
    }
  }
  return false;
}

function expectTable(bytes: Uint8Array, tableId: number, name: string, offset: number, source: string): void {
  if (bytes[0] !== tableId) {
    throw inputError(`expected a ${name} (table_id ${tableId}), found table_id ${bytes[0]}`, source, { path: `byte ${offset}` });
  }
  if (bytes.length < 12) {
    throw inputError(`${name} section is only ${bytes.length} bytes long`, source, { path: `byte ${offset}` });
  }
}
