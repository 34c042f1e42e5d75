import { describe, expect, it } from 'vitest';
import { readMediaPlaylist } from '../../src/validate/playlist/read-media-playlist.js';
import { readVttSegment } from '../../src/validate/segment/read-vtt.js';
import { CuePlacement } from '../../src/validate/timeline/cue-placement.js';
import { MapDomains, type DomainOrigins } from '../../src/validate/timeline/map-domains.js';
import { segmentWindows, type SegmentWindow } from '../../src/validate/timeline/windows.js';
import { collect } from './helpers.js';

const windowsOf = (extinfs: (string | [string, 'disc'])[]): SegmentWindow[] => {
  const lines = ['#EXTM3U', '#EXT-X-TARGETDURATION:6'];
  extinfs.forEach((e, i) => {
    if (Array.isArray(e)) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXTINF:${Array.isArray(e) ? e[0] : e},`, `s${i}.vtt`);
  });
  return segmentWindows(readMediaPlaylist(lines.join('\n')).segments, (s) => `s${s.index}.vtt`);
};

/** Segment texts in playlist order, run through the map and placement checks as validate does. */
function run(windows: SegmentWindow[], segments: string[], origins: DomainOrigins = []): [string, string, number | undefined][] {
  return collect((report) => {
    const maps = new MapDomains(origins, report);
    const placement = new CuePlacement(windows, report);
    segments.forEach((text, i) => {
      const window = windows[i] as SegmentWindow;
      const vtt = readVttSegment(text, window.file, report);
      placement.accept(window, vtt.cues, maps.accept(window, vtt.map));
    });
  }).map((f) => [f.rule, f.file, f.line]);
}

const seg = (mpegts: number | undefined, ...cues: string[]) =>
  ['WEBVTT', ...(mpegts === undefined ? [] : [`X-TIMESTAMP-MAP=MPEGTS:${mpegts},LOCAL:00:00:00.000`]), '', ...cues.map((c) => `${c}\n`)].join('\n');
const cue = (id: string, start: string, end: string, text = `${id} text`) => `${id}\n00:00:${start} --> 00:00:${end}\n${text}`;

describe('segment windows', () => {
  it('add EXTINF in integer microseconds: 18 000 × 6.006 s ends exactly at 108 108 s', () => {
    const windows = windowsOf(Array.from({ length: 18_000 }, () => '6.006'));
    expect(windows.at(-1)).toMatchObject({ startUs: 108_101_994_000, endUs: 108_108_000_000 });
  });

  it('start a new domain at each discontinuity', () => {
    expect(windowsOf(['6', ['6', 'disc'], '4']).map((w) => [w.domain, w.domainStartUs])).toEqual([[0, 0], [1, 6_000_000], [1, 6_000_000]]);
  });
});

describe('timestamp maps across segments', () => {
  const origin: DomainOrigins = [{ mpegts: 126000, detail: 'probe' }];

  it('accept the probed origin within ±1 tick', () => {
    expect(run(windowsOf(['6', '6']), [seg(126001), seg(126001)], origin)).toEqual([]);
    expect(run(windowsOf(['6']), [seg(125999)], origin)).toEqual([]);
  });

  it('report MPEGTS 2 ticks off, and 900000, once per domain', () => {
    expect(run(windowsOf(['6']), [seg(126002)], origin)).toEqual([['segment-map-mpegts', 's0.vtt', 2]]);
    expect(run(windowsOf(['6', '6']), [seg(900000), seg(900000)], origin)).toEqual([['segment-map-mpegts', 's0.vtt', 2]]);
  });

  it('compare MPEGTS less LOCAL to the origin', () => {
    const shifted = 'WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:216000,LOCAL:00:00:01.000\n';
    expect(run(windowsOf(['6']), [shifted], origin)).toEqual([]);
  });

  it('compare across the 33-bit wrap', () => {
    expect(run(windowsOf(['6']), [seg(0)], [{ mpegts: 2 ** 33 - 1, detail: 'probe' }])).toEqual([]);
  });

  it('report a map that changes inside a domain, not across a discontinuity', () => {
    expect(run(windowsOf(['6', '6']), [seg(126000), seg(126090)], origin)).toEqual([['segment-map-inconsistent', 's1.vtt', 2]]);
    const origins: DomainOrigins = [{ mpegts: 126000, detail: 'a' }, { mpegts: 9_126_000, detail: 'b' }];
    expect(run(windowsOf(['6', ['6', 'disc']]), [seg(126000), seg(9_126_000)], origins)).toEqual([]);
  });

  it('place cues relative to their own domain\'s start', () => {
    const origins: DomainOrigins = [{ mpegts: 126000, detail: 'a' }, { mpegts: 9_126_000, detail: 'b' }];
    // Domain 1 starts at 6 s on the playlist; its cue at 1 s lands at 7 s, inside [6, 12).
    expect(run(windowsOf(['6', ['6', 'disc']]), [seg(126000), seg(9_126_000, cue('b1', '01.000', '02.000'))], origins)).toEqual([]);
    expect(run(windowsOf(['6', ['6', 'disc']]), [seg(126000), seg(9_126_000, cue('b1', '07.000', '08.000'))], origins))
      .toEqual([['cue-outside-window', 's1.vtt', 4]]);
  });

  it('shift cues by a map that differs from its domain\'s first one', () => {
    // The second map says cue time 0 is 6 s later than the first one does, so 00:00:01 lands at 7 s.
    expect(run(windowsOf(['6', '6']), [seg(126000), seg(666000, cue('a', '01.000', '02.000'))], origin))
      .toEqual([['segment-map-inconsistent', 's1.vtt', 2]]);
  });
});

describe('cue placement', () => {
  const w = windowsOf(['6', '6', '6']);

  it('pass a cue repeated byte for byte in every segment it overlaps', () => {
    const span = cue('m1', '05.000', '13.000');
    expect(run(w, [seg(0, span), seg(0, span), seg(0, span)])).toEqual([]);
  });

  it('treat a cue ending exactly at a boundary as not in the next segment', () => {
    expect(run(w, [seg(0, cue('m1', '01.000', '06.000')), seg(0), seg(0)])).toEqual([]);
    expect(run(w, [seg(0, cue('m1', '01.000', '06.000')), seg(0, cue('m1', '01.000', '06.000')), seg(0)]))
      .toEqual([['cue-outside-window', 's1.vtt', 4]]);
  });

  it('report each segment a spanning cue is missing from, with where it was seen', () => {
    const findings = collect((report) => {
      const placement = new CuePlacement(w, report);
      placement.accept(w[0] as SegmentWindow, readVttSegment(seg(0, cue('m1', '05.000', '13.000')), 's0.vtt', report).cues, 0);
      placement.accept(w[1] as SegmentWindow, [], 0);
      placement.accept(w[2] as SegmentWindow, [], 0);
    });
    expect(findings.map((f) => [f.rule, f.file])).toEqual([['cue-spanning-missing', 's1.vtt'], ['cue-spanning-missing', 's2.vtt']]);
    expect(findings[0]?.message).toContain('(it is in s0.vtt:4)');
  });

  it('report a cue that first appears after a segment whose window it overlaps', () => {
    expect(run(w, [seg(0), seg(0, cue('m1', '05.000', '07.000'))])).toEqual([['cue-spanning-missing', 's1.vtt', 4]]);
  });

  it('report a repeat whose text, settings or timing differ', () => {
    expect(run(w, [seg(0, cue('m1', '05.000', '07.000')), seg(0, cue('m1', '05.000', '07.000', 'edited'))]))
      .toEqual([['cue-spanning-differs', 's1.vtt', 4]]);
    expect(run(w, [seg(0, cue('m1', '05.000', '07.000')), seg(0, '00:00:05.000 --> 00:00:07.000\nno id')]).map((f) => f[0]))
      .toContain('cue-spanning-missing');
  });

  it('match cues without identifiers by start, end and payload, and catch a changed payload', () => {
    const a = '00:00:05.000 --> 00:00:07.000\nhi';
    expect(run(w, [seg(0, a), seg(0, a)])).toEqual([]);
    expect(run(w, [seg(0, a), seg(0, '00:00:05.000 --> 00:00:07.000\nho')])).toEqual([['cue-spanning-differs', 's1.vtt', 4]]);
  });

  it('report an identifier reused for a different cue, anywhere in the presentation', () => {
    expect(run(w, [seg(0, cue('m1', '01.000', '02.000')), seg(0), seg(0, cue('m1', '13.000', '14.000'))]))
      .toEqual([['cue-id-duplicate', 's2.vtt', 4]]);
    expect(run(w, [seg(0, cue('m1', '01.000', '02.000'), cue('m1', '03.000', '04.000')), seg(0), seg(0)]))
      .toEqual([['cue-id-duplicate', 's0.vtt', 8]]);
  });

  it('report a cue listed in a segment it does not overlap, and expect it where it belongs', () => {
    // node-webvtt puts a cue that starts after a long gap into the segment before it.
    expect(run(w, [seg(0, cue('m1', '07.000', '08.000')), seg(0), seg(0)])).toEqual([
      ['cue-outside-window', 's0.vtt', 4], ['cue-spanning-missing', 's1.vtt', undefined],
    ]);
  });
});
