import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCues } from '../../src/validate/segment/check-cues.js';
import { checkEscaping, firstUnescaped } from '../../src/validate/segment/check-escaping.js';
import { readVttSegment, type VttSegment } from '../../src/validate/segment/read-vtt.js';
import { parseVttTimestamp } from '../../src/validate/segment/timestamp.js';
import { collect } from './helpers.js';

const MAP = 'X-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000';

/** Parses and runs every single-segment check, returning [rule, line] pairs. */
function check(text: string): [string, number | undefined][] {
  return collect((report) => {
    const segment = readVttSegment(text, 's.vtt', report);
    checkCues(segment, 's.vtt', report);
    checkEscaping(segment, 's.vtt', report);
  }).map((f) => [f.rule, f.line]);
}

function read(text: string): VttSegment {
  let segment: VttSegment | undefined;
  collect((report) => { segment = readVttSegment(text, 's.vtt', report); });
  return segment as VttSegment;
}

describe('WebVTT timestamps', () => {
  it('reads [hh:]mm:ss.mmm into integer milliseconds, hours past 99 included', () => {
    expect(parseVttTimestamp('00:01.500')).toBe(1500);
    expect(parseVttTimestamp('01:00:00.001')).toBe(3_600_001);
    expect(parseVttTimestamp('100:00:00.000')).toBe(360_000_000);
  });

  it('rejects what players misread: 4 fraction digits (node-webvtt rounding), 1-digit hours, 60 seconds', () => {
    for (const bad of ['00:00:01.1000', '0:00:01.000', '00:00:60.000', '00:01.5', '00:00:01,000']) {
      expect(parseVttTimestamp(bad), bad).toBeUndefined();
    }
  });

  it('reads hh:mm:ss.ttt digit by digit exactly as the grammar does (property)', () => {
    const grammar = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
    const byGrammar = (text: string) => {
      const m = grammar.exec(text);
      return m ? ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]) : undefined;
    };
    // Twelve characters with the colons and the dot in place, or anywhere, from digits and a few others.
    const char = fc.constantFrom(...'0123456789:.a /٣'.split(''));
    const shaped = fc.tuple(fc.array(char, { minLength: 9, maxLength: 9 }), fc.boolean()).map(([c, placed]) =>
      placed ? `${c[0]}${c[1]}:${c[2]}${c[3]}:${c[4]}${c[5]}.${c[6]}${c[7]}${c[8]}` : `${c.join('')}abc`,
    );
    fc.assert(
      fc.property(shaped, (text) => {
        expect(parseVttTimestamp(text)).toBe(byGrammar(text));
      }),
      { numRuns: 3000 },
    );
    for (const text of ['59:59:59.999', '00:60:00.000', '99:59:59.999', '00:00:00.000']) expect(parseVttTimestamp(text)).toBe(byGrammar(text));
  });
});

describe('X-TIMESTAMP-MAP', () => {
  it('accepts both key orders and a map on line 2', () => {
    expect(check(`WEBVTT\n${MAP}\n`)).toEqual([]);
    expect(check('WEBVTT\nX-TIMESTAMP-MAP=LOCAL:00:00:00.000,MPEGTS:126000\n')).toEqual([]);
    expect(read('WEBVTT\nX-TIMESTAMP-MAP=LOCAL:00:00:01.000,MPEGTS:9000\n').map).toEqual({ mpegts: 9000, localMs: 1000, line: 2 });
  });

  it('reports a missing map (ffmpeg) on line 2', () => {
    expect(check('WEBVTT\n\n00:00.580 --> 00:02.080\nhi\n')).toEqual([['segment-map-missing', 2]]);
  });

  it('reports a map after a blank line as misplaced, and does not use it', () => {
    expect(check(`WEBVTT\n\n${MAP}\n`)).toEqual([['segment-map-misplaced', 3]]);
    expect(read(`WEBVTT\n\n${MAP}\n`).map).toBeUndefined();
  });

  it('reports a map after another header line as misplaced', () => {
    expect(check(`WEBVTT\nKind: captions\n${MAP}\n`)).toEqual([['segment-map-misplaced', 3]]);
  });

  it('reports a second map', () => {
    expect(check(`WEBVTT\n${MAP}\n${MAP}\n`)).toEqual([['segment-map-duplicate', 3]]);
  });

  it.each([
    ['a space after the comma', 'X-TIMESTAMP-MAP=MPEGTS:126000, LOCAL:00:00:00.000'],
    ['no LOCAL', 'X-TIMESTAMP-MAP=MPEGTS:126000'],
    ['no MPEGTS', 'X-TIMESTAMP-MAP=LOCAL:00:00:00.000'],
    ['two fraction digits', 'X-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.00'],
    ['a decimal MPEGTS', 'X-TIMESTAMP-MAP=MPEGTS:126000.5,LOCAL:00:00:00.000'],
    ['an MPEGTS past 33 bits', `X-TIMESTAMP-MAP=MPEGTS:${2 ** 33},LOCAL:00:00:00.000`],
    ['an unknown key', 'X-TIMESTAMP-MAP=MPEGTS:1,LOCAL:00:00:00.000,OFFSET:3'],
    ['a space before =', 'X-TIMESTAMP-MAP =MPEGTS:1,LOCAL:00:00:00.000'],
  ])('reports %s as malformed', (_why, line) => {
    expect(check(`WEBVTT\n${line}\n`)).toEqual([['segment-map-malformed', 2]]);
  });
});

describe('segment structure', () => {
  it('reports a first line that is not WEBVTT, and accepts WEBVTT followed by text', () => {
    expect(check(`WEBVTT FILE\n${MAP}\n`)).toEqual([]);
    expect(check(`WEBVTTX\n${MAP}\n`)).toEqual([['segment-header-missing', 1]]);
    expect(check(`\n${MAP}\n`)).toContainEqual(['segment-header-missing', 1]);
  });

  it('reports a cue glued to the header with no blank line', () => {
    expect(check(`WEBVTT\n${MAP}\n00:00:01.000 --> 00:00:02.000\nhi\n`)).toEqual([['segment-header-unterminated', 3]]);
  });

  it('reports text cut off from its cue by a blank line inside the message', () => {
    expect(check(`WEBVTT\n${MAP}\n\n00:00:01.000 --> 00:00:02.000\nfirst\n\nsecond half\n`)).toEqual([['segment-block-invalid', 7]]);
  });

  it('skips NOTE, STYLE and REGION blocks', () => {
    expect(check(`WEBVTT\n${MAP}\n\nNOTE made by hand\n\nSTYLE\n::cue { color: red }\n\n00:00:01.000 --> 00:00:02.000\nhi\n`)).toEqual([]);
  });

  it('reads CRLF files and node-webvtt\'s trailing space after the end time', () => {
    const segment = read(`WEBVTT\r\n${MAP}\r\n\r\nid\r\n00:00:01.000 --> 00:00:02.000 \r\nhi\r\n`);
    expect(segment.cues).toEqual([expect.objectContaining({ id: 'id', startMs: 1000, endMs: 2000, line: 4, payload: [{ text: 'hi', line: 6 }] })]);
  });
});

describe('cue rules', () => {
  const cue = (timing: string, ...payload: string[]) => `WEBVTT\n${MAP}\n\n${timing}\n${payload.join('\n')}\n`;

  it('accepts tabs around the arrow and settings', () => {
    expect(check(cue('00:01.000\t-->\t00:02.000 align:start line:0%', 'hi'))).toEqual([]);
  });

  it.each([
    ['00:00:01.000-->00:00:02.000'], ['00:00:01.1000 --> 00:00:02.000'], ['1.0 --> 2.0'],
  ])('reports malformed timing %s', (timing) => {
    expect(check(cue(timing, 'hi'))).toEqual([['cue-timing-malformed', 4]]);
  });

  it('treats a block whose arrow is not "-->" as text without a cue, as the WebVTT parser does', () => {
    expect(check(cue('00:00:01.000 -> 00:00:02.000', 'hi'))).toEqual([['segment-block-invalid', 4]]);
  });

  it('reports zero-length and negative cues', () => {
    expect(check(cue('00:00:02.000 --> 00:00:02.000', 'hi'))).toEqual([['cue-end-not-after-start', 4]]);
    expect(check(cue('00:00:03.000 --> 00:00:02.000', 'hi'))).toEqual([['cue-end-not-after-start', 4]]);
  });

  it('reports cues out of start order', () => {
    const text = `WEBVTT\n${MAP}\n\n00:00:05.000 --> 00:00:06.000\na\n\n00:00:04.000 --> 00:00:07.000\nb\n`;
    expect(check(text)).toEqual([['cue-unsorted', 7]]);
  });

  it('reports an empty payload (warning) and a whitespace-only payload line', () => {
    expect(collect((r) => checkCues(read(cue('00:00:01.000 --> 00:00:02.000')), 's.vtt', r))).toEqual([
      expect.objectContaining({ rule: 'cue-payload-empty', severity: 'warning', line: 4 }),
    ]);
    expect(check(cue('00:00:01.000 --> 00:00:02.000', 'a', '   ', 'b'))).toEqual([['cue-payload-blank-line', 6]]);
  });

  it('reports "-->" in a payload line', () => {
    expect(check(cue('00:00:01.000 --> 00:00:02.000', 'bob: a --> b'))).toEqual([['cue-payload-arrow', 5]]);
  });
});

describe('payload escaping', () => {
  it.each([
    'plain text', 'Tom &amp; Jerry', '&lt;3 &gt; &lrm;&rlm;&nbsp;', '<v Some Body>hi</v>', '<c.user.mod>name</c>: hi',
    '<i>a</i><b>b</b><u>c</u>', '<ruby>漢<rt>kan</rt></ruby>', '<lang en-US>hi</lang>', 'a <00:00:01.500>b <01:00:00.000>c', '> quoted',
  ])('accepts %s', (text) => {
    expect(firstUnescaped(text)).toBeUndefined();
  });

  it.each([
    ['<br>', /"<br>" is not a WebVTT tag/],
    ['I <3 this', /"<3 this" is not a WebVTT tag/],
    ['a < b', /"< b" is not a WebVTT tag/],
    ['Tom & Jerry', /raw "&" at column 5/],
    ['&quot;hi&quot;', /"&quot;" is not one of/],
    ['&#39;', /"&#39;" is not one of/],
    ['<v>no voice name</v>', /"<v>" is not a WebVTT tag/],
    ['<c.bad class>x</c>', /"<c.bad class>" is not a WebVTT tag/],
    ['<script>', /"<script>" is not a WebVTT tag/],
  ])('rejects %s', (text, why) => {
    expect(firstUnescaped(text)).toMatch(why);
  });

  it('reports the line of the first problem in each payload line', () => {
    const findings = collect((r) => checkEscaping(read(`WEBVTT\n${MAP}\n\n00:00:01.000 --> 00:00:02.000\nok\na<br>b & c\n`), 's.vtt', r));
    expect(findings).toEqual([expect.objectContaining({ rule: 'cue-payload-unescaped', line: 6 })]);
  });
});
