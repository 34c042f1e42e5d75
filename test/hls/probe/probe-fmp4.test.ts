import { describe, expect, it } from 'vitest';
import { ChatReplayError } from '../../../src/errors.js';
import { probeFragmentedMp4 } from '../../../src/hls/probe/probe-fmp4.js';
import { box, fragment, initSegment, largeBox, mediaSegment, type TrackSpec, u32 } from '../../fixtures/probe/mp4-builder.js';
import { concatBytes } from '../../fixtures/probe/ts-builder.js';

const VIDEO: TrackSpec = { id: 1, timescale: 12800, handler: 'vide' };
const AUDIO: TrackSpec = { id: 2, timescale: 48000, handler: 'soun' };

const init = (...tracks: TrackSpec[]) => ({ bytes: initSegment(tracks), source: 'init.mp4', offset: 0 });
const media = (...fragments: Uint8Array[]) => ({ bytes: mediaSegment(...fragments), source: 'seg.m4s', offset: 0 });

function probeError(run: () => unknown): ChatReplayError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ChatReplayError);
    return err as ChatReplayError;
  }
  throw new Error('expected the probe to fail');
}

describe('probeFragmentedMp4: the earlier track tfdt, in 90 kHz ticks', () => {
  it('takes audio when it starts earlier in seconds, whatever the raw numbers say', () => {
    // 285696/48000 = 5.952 s is before 76800/12800 = 6 s although 285696 > 76800.
    const segment = media(fragment([{ trackId: 1, decodeTime: 76800n }, { trackId: 2, decodeTime: 285696n }]));
    expect(probeFragmentedMp4(segment, init(VIDEO, AUDIO))).toEqual({
      mpegts: 535680,
      container: 'fmp4',
      detail: 'min(audio tfdt 285696/48000, video tfdt 76800/12800)',
    });
  });

  it('takes video when it starts earlier', () => {
    const segment = media(fragment([{ trackId: 1, decodeTime: 128000n }, { trackId: 2, decodeTime: 481024n }]));
    expect(probeFragmentedMp4(segment, init(VIDEO, AUDIO)).mpegts).toBe(900000);
  });

  it('reads version 0 (32-bit) and version 1 (64-bit) tfdt', () => {
    const v0 = media(fragment([{ trackId: 1, decodeTime: 4_000_000_000n, tfdtVersion: 0 }]));
    expect(probeFragmentedMp4(v0, init({ ...VIDEO, timescale: 90000 })).mpegts).toBe(4_000_000_000);
    // 2^40 in a 90 kHz track is past 2^33: reported modulo 2^33, as a 33-bit PTS would be.
    const v1 = media(fragment([{ trackId: 1, decodeTime: 2n ** 40n + 5n, tfdtVersion: 1 }]));
    expect(probeFragmentedMp4(v1, init({ ...VIDEO, timescale: 90000 })).mpegts).toBe(5);
  });

  it('converts a 64-bit tfdt exactly, beyond what a double holds', () => {
    // Epoch-based CMAF: 1.8e9 s at 10 MHz is 1.8e16 units, past Number.MAX_SAFE_INTEGER.
    const decodeTime = 18_000_000_000_000_123n;
    const segment = media(fragment([{ trackId: 1, decodeTime }]));
    // × 90000 / 1e7 = 162 000 000 000 001.107 ticks → 162 000 000 000 001 mod 2^33 = 2 423 529 473.
    expect(probeFragmentedMp4(segment, init({ ...VIDEO, timescale: 10_000_000 })).mpegts).toBe(2_423_529_473);
  });

  it('rounds a non-90 kHz timescale to the nearest tick', () => {
    const at = (decodeTime: bigint, timescale: number) =>
      probeFragmentedMp4(media(fragment([{ trackId: 2, decodeTime }])), init({ ...AUDIO, timescale })).mpegts;
    expect(at(44101n, 44100)).toBe(90002); // 90002.04
    expect(at(1n, 44100)).toBe(2); // 2.04
    expect(at(1n, 1000)).toBe(90);
    expect(at(1001n, 30000)).toBe(3003);
    expect(at(3n, 180000)).toBe(2); // 1.5 rounds half up
  });

  it('uses the earliest tfdt of a track over every moof in the segment', () => {
    const segment = media(
      fragment([{ trackId: 1, decodeTime: 2560n }, { trackId: 2, decodeTime: 9600n }], 1),
      fragment([{ trackId: 1, decodeTime: 1280n }], 2),
    );
    expect(probeFragmentedMp4(segment, init(VIDEO, AUDIO))).toMatchObject({
      mpegts: 9000,
      detail: 'min(audio tfdt 9600/48000, video tfdt 1280/12800)',
    });
  });

  it('reads track_ID and timescale from version 1 tkhd and mdhd', () => {
    const segment = media(fragment([{ trackId: 7, decodeTime: 25600n }]));
    expect(probeFragmentedMp4(segment, init({ id: 7, timescale: 12800, handler: 'vide', version: 1 })).mpegts).toBe(180000);
  });

  it('ignores tracks that are neither audio nor video, and tracks unknown to the init segment', () => {
    const segment = media(fragment([{ trackId: 3, decodeTime: 0n }, { trackId: 9, decodeTime: 0n }, { trackId: 1, decodeTime: 12800n }]));
    const result = probeFragmentedMp4(segment, init(VIDEO, { id: 3, timescale: 1000, handler: 'text' }));
    expect(result).toMatchObject({ mpegts: 90000, detail: 'video tfdt 12800/12800 (no audio track)' });
  });

  it('plays the last video track of the init segment, like hls.js', () => {
    const segment = media(fragment([{ trackId: 1, decodeTime: 0n }, { trackId: 4, decodeTime: 25600n }]));
    expect(probeFragmentedMp4(segment, init(VIDEO, { id: 4, timescale: 12800, handler: 'vide' })).mpegts).toBe(180000);
  });

  it('skips a traf without tfdt', () => {
    const segment = media(fragment([{ trackId: 2 }, { trackId: 1, decodeTime: 12800n }]));
    expect(probeFragmentedMp4(segment, init(VIDEO, AUDIO)).detail).toBe('video tfdt 12800/12800 (no audio track)');
  });

  it('reads the tracks from a segment that carries its own moov', () => {
    const bytes = concatBytes([initSegment([VIDEO]), fragment([{ trackId: 1, decodeTime: 6400n }])]);
    expect(probeFragmentedMp4({ bytes, source: 'single.mp4', offset: 0 }).mpegts).toBe(45000);
  });

  it('walks past boxes with a 64-bit largesize header', () => {
    const bytes = concatBytes([largeBox('free', new Array<number>(40).fill(0)), fragment([{ trackId: 1, decodeTime: 6400n }])]);
    expect(probeFragmentedMp4({ bytes, source: 'seg.m4s', offset: 0 }, init(VIDEO)).mpegts).toBe(45000);
  });

  describe('malformed input names the file and the byte', () => {
    it('rejects an init segment without moov', () => {
      const bare = { bytes: box('ftyp', u32(0)), source: 'init.mp4', offset: 0 };
      expect(probeError(() => probeFragmentedMp4(media(fragment([{ trackId: 1, decodeTime: 0n }])), bare)).format()).toBe(
        "init.mp4: init segment has no 'moov' box",
      );
    });

    it('rejects a media segment without an init segment', () => {
      expect(probeError(() => probeFragmentedMp4(media(fragment([{ trackId: 1, decodeTime: 0n }])))).message).toBe(
        "fMP4 segment has no init segment (EXT-X-MAP) and no 'moov' of its own",
      );
    });

    it('reports a box whose size runs past the data, at its absolute offset', () => {
      const bytes = mediaSegment(fragment([{ trackId: 1, decodeTime: 0n }]));
      const cut = { bytes: bytes.subarray(0, bytes.length - 4), source: 'all.mp4', offset: 5000 };
      const err = probeError(() => probeFragmentedMp4(cut, init(VIDEO)));
      expect(err.kind).toBe('input');
      expect(err.format()).toMatch(/^all\.mp4: byte \d+: box 'mdat' claims 24 bytes but only 20 remain$/);
    });

    it('reports a type that is not a four-character code', () => {
      const bytes = concatBytes([mediaSegment(), Uint8Array.from([0, 0, 0, 16, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0, 0, 0, 0, 0])]);
      const stypSize = mediaSegment().length;
      expect(probeError(() => probeFragmentedMp4({ bytes, source: 'x.m4s', offset: 0 }, init(VIDEO))).format()).toMatch(
        new RegExp(`^x\\.m4s: byte ${stypSize}: not an ISO BMFF box`),
      );
    });

    it('reports an impossible box size', () => {
      const bytes = concatBytes([mediaSegment(), Uint8Array.from([0, 0, 0, 4, 0x6d, 0x6f, 0x6f, 0x66])]);
      expect(probeError(() => probeFragmentedMp4({ bytes, source: 'x.m4s', offset: 0 }, init(VIDEO))).message).toBe(
        "box 'moof' has an impossible size 4",
      );
    });

    it('reports a track with timescale 0', () => {
      expect(probeError(() => probeFragmentedMp4(media(fragment([{ trackId: 1, decodeTime: 0n }])), init({ ...VIDEO, timescale: 0 }))).message).toBe(
        "track 1 has timescale 0 in its 'mdhd' box",
      );
    });

    it('reports a segment with no tfdt for any played track', () => {
      expect(probeError(() => probeFragmentedMp4(media(fragment([{ trackId: 5, decodeTime: 0n }])), init(VIDEO, AUDIO))).message).toBe(
        "no 'moof/traf' with a 'tfdt' for an audio or video track of the init segment",
      );
    });

    it('reports a truncated tfdt box', () => {
      const traf = box('traf', box('tfhd', [0, 2, 0, 0], u32(1)), box('tfdt', [1, 0, 0, 0], u32(0)));
      const segment = media(box('moof', traf));
      expect(probeError(() => probeFragmentedMp4(segment, init(VIDEO))).message).toBe("'tfdt' box is 8 bytes long, needs 12");
    });
  });
});
