import { describe, expect, it } from 'vitest';
import { ChatReplayError } from '../../../src/errors.js';
import { probeTransportStream } from '../../../src/hls/probe/probe-ts.js';
import {
  AAC,
  AUDIO_PID,
  AVC,
  concatBytes,
  packetize,
  patSection,
  pesPacket,
  pmtSection,
  PMT_PID,
  programTables,
  psiPackets,
  toM2ts,
  tsPacket,
  VIDEO_PID,
} from '../../fixtures/probe/ts-builder.js';

const WRAP = 2 ** 33;
const VIDEO = 0xe0;
const AUDIO = 0xc0;

function segment(...parts: Uint8Array[][]) {
  return { bytes: concatBytes(parts.flat()), source: 'fixture.ts', offset: 0 };
}
const video = (pts: number | undefined, dts?: number, sizes?: number[]) =>
  packetize(VIDEO_PID, pesPacket({ streamId: VIDEO, pts, dts, payloadLength: 400 }), sizes);
const audio = (pts: number | undefined, sizes?: number[]) =>
  packetize(AUDIO_PID, pesPacket({ streamId: AUDIO, pts, payloadLength: 300 }), sizes);

/** Runs the probe and returns the thrown ChatReplayError, failing the test if none is thrown. */
function probeError(bytes: ReturnType<typeof segment>): ChatReplayError {
  try {
    probeTransportStream(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(ChatReplayError);
    return err as ChatReplayError;
  }
  throw new Error('expected the probe to fail');
}

describe('probeTransportStream: the origin hls.js uses, min(first audio PTS, first video DTS)', () => {
  it('takes the video DTS, not its PTS, when B-frames delay presentation (ffmpeg defaults)', () => {
    const result = probeTransportStream(segment(programTables(), video(133200, 126000), audio(131280)));
    expect(result).toEqual({ mpegts: 126000, container: 'ts', detail: 'min(audio PTS 131280, video DTS 126000)' });
  });

  it('takes the audio PTS when audio starts first', () => {
    const result = probeTransportStream(segment(programTables(), video(133200, 126000), audio(120000)));
    expect(result.mpegts).toBe(120000);
  });

  it('takes the video DTS when audio starts later, even if audio PES come first in the file', () => {
    const result = probeTransportStream(segment(programTables(), audio(140000), video(136000, 129600), audio(141920)));
    expect(result.mpegts).toBe(129600);
    expect(result.detail).toBe('min(audio PTS 140000, video DTS 129600)');
  });

  it('reads DTS as PTS for a PES without a DTS field (no B-frames)', () => {
    const result = probeTransportStream(segment(programTables(), video(900000), audio(901920)));
    expect(result).toMatchObject({ mpegts: 900000, detail: 'min(audio PTS 901920, video DTS 900000)' });
  });

  it('uses only the first PES of each stream, not the smallest later one', () => {
    const result = probeTransportStream(segment(programTables(), video(133200, 126000), video(129600, 122400), audio(131280), audio(100)));
    expect(result.mpegts).toBe(126000);
  });

  it('skips a PES that carries no PTS and uses the next one of that stream', () => {
    const result = probeTransportStream(segment(programTables(), video(undefined), video(140400, 133200), audio(138480)));
    expect(result.mpegts).toBe(133200);
  });

  describe('33-bit wrap', () => {
    it('takes the post-wrap video DTS over audio just before the wrap, as hls.js does', () => {
      const result = probeTransportStream(segment(programTables(), video(4800, 1200), audio(WRAP - 1800)));
      expect(result.mpegts).toBe(1200);
      expect(result.detail).toBe(`min(audio PTS ${WRAP - 1800}, video DTS 1200) across the 33-bit wrap`);
    });

    it('takes the post-wrap audio PTS over video DTS just before the wrap, as hls.js does', () => {
      const result = probeTransportStream(segment(programTables(), video(3600, WRAP - 3600), audio(900)));
      expect(result.mpegts).toBe(900);
    });

    it('compares plainly when both sides sit just below 2^33', () => {
      const result = probeTransportStream(segment(programTables(), video(WRAP - 1, WRAP - 7201), audio(WRAP - 100)));
      expect(result).toMatchObject({ mpegts: WRAP - 7201, detail: `min(audio PTS ${WRAP - 100}, video DTS ${WRAP - 7201})` });
    });

    it('decodes the largest 33-bit timestamp exactly', () => {
      expect(probeTransportStream(segment(programTables(), video(WRAP - 1), audio(WRAP - 1))).mpegts).toBe(WRAP - 1);
    });
  });

  describe('packet layout', () => {
    it('reassembles a PES header split inside its fixed 9 bytes', () => {
      const result = probeTransportStream(segment(programTables(), video(133200, 126000, [5, 184]), audio(131280, [7, 184])));
      expect(result.mpegts).toBe(126000);
    });

    it('reassembles a PES header split inside the DTS, over three packets', () => {
      const result = probeTransportStream(segment(programTables(), video(133200, 126000, [12, 3, 184]), audio(131280)));
      expect(result.detail).toBe('min(audio PTS 131280, video DTS 126000)');
    });

    it('reads a header padded with stuffing bytes after the timestamps', () => {
      const pes = pesPacket({ streamId: VIDEO, pts: 50000, dts: 46400, headerStuffing: 20 });
      const result = probeTransportStream(segment(programTables(), packetize(VIDEO_PID, pes, [16, 184]), audio(48000)));
      expect(result.mpegts).toBe(46400);
    });

    it('steps over adaptation fields, adaptation-only packets and packets of other PIDs', () => {
      const noise = [tsPacket({ pid: VIDEO_PID }), tsPacket({ pid: 0x1fff, payload: new Uint8Array(184) }), tsPacket({ pid: 0x300, payloadUnitStart: true, payload: pesPacket({ streamId: VIDEO, pts: 1 }) })];
      const result = probeTransportStream(segment(programTables(), noise, video(133200, 126000, [60]), audio(131280, [100])));
      expect(result.mpegts).toBe(126000);
    });

    it('ignores the tail of a PES that began in the previous segment', () => {
      const tail = tsPacket({ pid: VIDEO_PID, payload: new Uint8Array(184).fill(0x47) });
      const result = probeTransportStream(segment(programTables(), [tail], video(136800, 129600), audio(131280)));
      expect(result.mpegts).toBe(129600);
    });

    it('finds PES packets that precede the PAT and PMT, as hls.js rescans for them', () => {
      const result = probeTransportStream(segment(audio(120000), programTables(), video(133200, 126000)));
      expect(result.mpegts).toBe(120000);
    });

    it('reassembles a PMT section that spans two packets', () => {
      const descriptors = new Array<number>(200).fill(0).map((_, i) => (i % 2 ? 0x0a : 0x00)); // 100 empty descriptors
      const pmt = pmtSection([{ streamType: AVC, pid: VIDEO_PID, descriptors }, { streamType: AAC, pid: AUDIO_PID }]);
      const tables = [...psiPackets(0, patSection(PMT_PID)), ...psiPackets(PMT_PID, pmt, [150, 184])];
      expect(tables).toHaveLength(3);
      expect(probeTransportStream(segment(tables, video(133200, 126000), audio(131280))).mpegts).toBe(126000);
    });

    it('skips packets flagged with a transport error', () => {
      const damaged = packetize(AUDIO_PID, pesPacket({ streamId: AUDIO, pts: 1000 })).map((p) => {
        const copy = p.slice();
        copy[1] = (copy[1] ?? 0) | 0x80;
        return copy;
      });
      const result = probeTransportStream(segment(programTables(), damaged, video(133200, 126000), audio(131280)));
      expect(result.mpegts).toBe(126000);
    });

    it('skips junk before the first packet and a partial packet at the end, as hls.js does', () => {
      const junk = new Uint8Array(100).fill(0x47); // sync-looking bytes that do not line up at 188
      const tail = tsPacket({ pid: AUDIO_PID, payload: new Uint8Array(10) }).subarray(0, 50);
      const bytes = concatBytes([junk, ...programTables(), ...video(133200, 126000), ...audio(131280), tail]);
      expect(probeTransportStream({ bytes, source: 'junk.ts', offset: 0 }).mpegts).toBe(126000);
    });

    it('reads M2TS: 192-byte packets with a 4-byte timestamp prefix', () => {
      const bytes = toM2ts([...programTables(), ...video(133200, 126000), ...audio(131280)]);
      expect(probeTransportStream({ bytes, source: 'fixture.m2ts', offset: 0 }).mpegts).toBe(126000);
    });
  });

  describe('program tables', () => {
    it('uses the first video and first audio stream and ignores ID3 timed metadata', () => {
      const tables = programTables([
        { streamType: 0x15, pid: 0x102 }, // ID3 metadata with an earlier PTS must not count
        { streamType: AVC, pid: VIDEO_PID },
        { streamType: AAC, pid: AUDIO_PID },
        { streamType: AAC, pid: 0x103 }, // a second audio language
      ]);
      const id3 = packetize(0x102, pesPacket({ streamId: 0xbd, pts: 1000 }));
      const secondAudio = packetize(0x103, pesPacket({ streamId: 0xc1, pts: 2000 }));
      const result = probeTransportStream(segment(tables, id3, secondAudio, video(133200, 126000), audio(131280)));
      expect(result.mpegts).toBe(126000);
    });

    it('counts DVB AC-3 (stream_type 0x06 with an AC-3 descriptor) as audio', () => {
      const tables = programTables([{ streamType: AVC, pid: VIDEO_PID }, { streamType: 0x06, pid: AUDIO_PID, descriptors: [0x6a, 0x01, 0x00] }]);
      expect(probeTransportStream(segment(tables, video(133200, 126000), audio(120000))).mpegts).toBe(120000);
    });

    it('ignores private data (stream_type 0x06) without an audio descriptor', () => {
      const tables = programTables([{ streamType: AVC, pid: VIDEO_PID }, { streamType: 0x06, pid: AUDIO_PID, descriptors: [0x56, 0x00] }]);
      const result = probeTransportStream(segment(tables, video(133200, 126000), audio(120000)));
      expect(result).toMatchObject({ mpegts: 126000, detail: 'video DTS 126000 (no audio PES)' });
    });

    it('probes a video-only stream from its first DTS', () => {
      const tables = programTables([{ streamType: AVC, pid: VIDEO_PID }]);
      expect(probeTransportStream(segment(tables, video(133200, 126000))).detail).toBe('video DTS 126000 (no audio PES)');
    });

    it('probes an audio-only stream from its first PTS', () => {
      const tables = programTables([{ streamType: AAC, pid: AUDIO_PID }]);
      expect(probeTransportStream(segment(tables, audio(131280)))).toMatchObject({ mpegts: 131280, detail: 'audio PTS 131280 (no video PES)' });
    });

    it('falls back to video alone when the PMT lists audio that never arrives', () => {
      expect(probeTransportStream(segment(programTables(), video(133200, 126000))).detail).toBe('video DTS 126000 (no audio PES)');
    });

    it('reads the PAT/PMT from a TS init section (EXT-X-MAP) when the segment has none', () => {
      const init = { bytes: concatBytes(programTables()), source: 'init.ts', offset: 0 };
      const result = probeTransportStream(segment(video(133200, 126000), audio(131280)), init);
      expect(result.mpegts).toBe(126000);
    });
  });

  describe('malformed input names the file and the byte', () => {
    it('rejects bytes that are not a transport stream', () => {
      const err = probeError({ bytes: new TextEncoder().encode('#EXTM3U\n'.repeat(60)), source: 'seg.ts', offset: 0 });
      expect(err.kind).toBe('input');
      expect(err.format()).toBe('seg.ts: byte 0: not an MPEG-TS segment: no run of 0x47 sync bytes 188 (or 192) bytes apart near its start');
    });

    it('reports a lost sync byte at its absolute offset, including a byte-range start', () => {
      const packets = [...programTables(), ...video(133200, 126000)];
      const bytes = concatBytes(packets);
      bytes[3 * 188] = 0x00;
      const err = probeError({ bytes, source: 'all.ts', offset: 10_000 });
      expect(err.format()).toBe(`all.ts: byte ${10_000 + 3 * 188}: lost MPEG-TS sync: expected 0x47, found 0x00`);
    });

    it('reports a segment cut short before its PMT', () => {
      const bytes = concatBytes([...programTables(), ...video(133200, 126000)]);
      const cut = concatBytes([bytes.subarray(0, 188), video(133200, 126000)[0]!]); // PAT, then PES: the PMT is lost
      expect(probeError({ bytes: cut, source: 'cut.ts', offset: 0 }).format()).toBe('cut.ts: byte 0: no PAT/PMT found in the first segment');
    });

    it('does not take a short text with a stray 0x47 ("G") for TS', () => {
      const text = new TextEncoder().encode(`#EXTM3U\n#EXT-X-TARGETDURATION:6\n${'x'.repeat(300)}`);
      expect(probeError({ bytes: text, source: 'index.m3u8', offset: 0 }).message).toMatch(/^not an MPEG-TS segment/);
    });

    it('reports an adaptation field longer than its packet', () => {
      const packet = tsPacket({ pid: VIDEO_PID, payloadUnitStart: true, payload: new Uint8Array(10) });
      packet[4] = 190;
      expect(probeError(segment(programTables(), [packet])).format()).toBe(
        `fixture.ts: byte ${2 * 188 + 4}: adaptation field length 190 overruns its 188-byte packet`,
      );
    });

    it('reports a PES without its 00 00 01 start code', () => {
      const pes = pesPacket({ streamId: VIDEO, pts: 1 });
      pes[2] = 0x02;
      const err = probeError(segment(programTables(), packetize(VIDEO_PID, pes)));
      expect(err.message).toBe('PES start code 00 00 01 missing (found 00 00 02)');
      expect(err.position?.path).toMatch(/^byte \d+$/);
    });

    it('reports the forbidden PTS_DTS_flags value 01', () => {
      const pes = pesPacket({ streamId: VIDEO, pts: 1 });
      pes[7] = 0x40;
      expect(probeError(segment(programTables(), packetize(VIDEO_PID, pes))).message).toBe('PES PTS_DTS_flags is 01, which ISO 13818-1 forbids');
    });

    it('reports a header_data_length too short for the timestamps it announces', () => {
      const pes = pesPacket({ streamId: VIDEO, pts: 1, dts: 1 });
      pes[8] = 5;
      expect(probeError(segment(programTables(), packetize(VIDEO_PID, pes))).message).toBe(
        'PES header_data_length 5 is too short for its PTS and DTS',
      );
    });

    it('reports a PES header cut short by the next PES of the same stream', () => {
      const first = packetize(VIDEO_PID, pesPacket({ streamId: VIDEO, pts: 1, dts: 1 }), [6])[0] as Uint8Array;
      expect(probeError(segment(programTables(), [first], video(133200, 126000))).message).toMatch(/^PES header cut short/);
    });

    it('reports a segment without PAT/PMT', () => {
      expect(probeError(segment(video(133200, 126000))).message).toBe('no PAT/PMT found in the first segment');
    });

    it('reports a PMT without audio or video', () => {
      expect(probeError(segment(programTables([{ streamType: 0x15, pid: 0x102 }]))).message).toBe('the PMT lists no audio or video stream');
    });

    it('reports a segment whose streams carry no timestamps', () => {
      expect(probeError(segment(programTables(), video(undefined), audio(undefined))).message).toBe('no PES packet with a PTS in the first segment');
    });

    it('reports a PMT entry whose descriptors run past the section', () => {
      const pmt = pmtSection([{ streamType: AVC, pid: VIDEO_PID, descriptors: [0x0a, 0x00] }]);
      pmt[12 + 4] = 0x40; // ES_info_length low byte → 64, past the end
      const err = probeError(segment([...psiPackets(0, patSection(PMT_PID)), ...psiPackets(PMT_PID, pmt)]));
      expect(err.message).toBe('PMT entry for PID 256 has ES_info_length 64, past the section end');
    });
  });
});
