import { inputError } from '../../errors.js';
import type { SourceBytes } from './types.js';

/** One ISO BMFF box: `payload` is its content after the size/type header (and after a 64-bit size). */
export interface Mp4Box {
  type: string;
  payload: Uint8Array;
  /** Absolute offset of the box's first byte in the source. */
  offset: number;
  /** Absolute offset of `payload[0]`. */
  payloadOffset: number;
}

/** Boxes that may open an fMP4 media or init segment; used to recognise the container. */
const SEGMENT_OPENING_TYPES = new Set(['ftyp', 'styp', 'sidx', 'moof', 'moov', 'emsg', 'prft', 'free', 'skip', 'uuid']);

export function looksLikeIsoBmff(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SEGMENT_OPENING_TYPES.has(fourCC(bytes, 4));
}

/**
 * The boxes laid end to end in `bytes` (a whole file, or a parent box's payload). A size that
 * overruns the data or a type that is not four printable characters is an input error naming
 * the byte, since everything after it would be read from the wrong place.
 */
export function* boxes(bytes: Uint8Array, offset: number, source: string): Generator<Mp4Box> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at < bytes.length; ) {
    const where = { path: `byte ${offset + at}` };
    if (bytes.length - at < 8) throw inputError(`${bytes.length - at} stray bytes where a box header should be`, source, where);
    const type = fourCC(bytes, at + 4);
    if (!/^[\x20-\x7e]{4}$/.test(type)) {
      throw inputError(`not an ISO BMFF box: type bytes ${JSON.stringify(type)} are not a four-character code`, source, where);
    }
    let size = view.getUint32(at);
    let headerSize = 8;
    if (size === 1) {
      if (bytes.length - at < 16) throw inputError(`box '${type}' is cut off inside its 64-bit size`, source, where);
      const large = view.getBigUint64(at + 8);
      size = large > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(large);
      headerSize = 16;
    } else if (size === 0) {
      size = bytes.length - at; // "box extends to the end of the file"
    }
    if (size < headerSize) throw inputError(`box '${type}' has an impossible size ${size}`, source, where);
    if (size > bytes.length - at) {
      throw inputError(`box '${type}' claims ${size} bytes but only ${bytes.length - at} remain`, source, where);
    }
    yield {
      type,
      payload: bytes.subarray(at + headerSize, at + size),
      offset: offset + at,
      payloadOffset: offset + at + headerSize,
    };
    at += size;
  }
}

/** Every top-level box of a read segment. */
export function topLevelBoxes({ bytes, offset, source }: SourceBytes): Generator<Mp4Box> {
  return boxes(bytes, offset, source);
}

/** The child boxes of `parent` with the given type, in order. */
export function childrenOfType(parent: Mp4Box, type: string, source: string): Mp4Box[] {
  return [...boxes(parent.payload, parent.payloadOffset, source)].filter((box) => box.type === type);
}

/** The first descendant along `path` (e.g. `mdia`, `mdhd`), or undefined when any step is missing. */
export function descend(parent: Mp4Box, path: readonly string[], source: string): Mp4Box | undefined {
  let box: Mp4Box | undefined = parent;
  for (const type of path) {
    if (!box) return undefined;
    box = childrenOfType(box, type, source)[0];
  }
  return box;
}

/** Checks that a full box's payload holds at least `needed` bytes before fields are read from it. */
export function requireLength(box: Mp4Box, needed: number, source: string): DataView {
  if (box.payload.length < needed) {
    throw inputError(`'${box.type}' box is ${box.payload.length} bytes long, needs ${needed}`, source, {
      path: `byte ${box.offset}`,
    });
  }
  return new DataView(box.payload.buffer, box.payload.byteOffset, box.payload.byteLength);
}

function fourCC(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}
