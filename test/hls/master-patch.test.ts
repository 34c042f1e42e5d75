import { describe, expect, it } from 'vitest';
import { parseMaster } from '../../src/hls/master.js';
import { patchMaster, type SubtitleRenditionSpec } from '../../src/hls/master-patch.js';

const spec: SubtitleRenditionSpec = { group: 'chat', name: 'chat_kor', language: 'ko', default: false, uri: 'subs/chat_kor/index.m3u8' };
const patch = (text: string, s: Partial<SubtitleRenditionSpec> = {}) => patchMaster(parseMaster(text, 'master.m3u8'), { ...spec, ...s });

const PLAIN = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-STREAM-INF:BANDWIDTH=233200,RESOLUTION=426x240,CODECS="avc1.4d4015,mp4a.40.2"
v360/index.m3u8

#EXT-X-STREAM-INF:BANDWIDTH=123200,RESOLUTION=256x144,CODECS="avc1.4d400c,mp4a.40.2"
v144/index.m3u8
`;

const WITH_CAPTIONS = `#EXTM3U
## a comment the packager must keep
#EXT-X-VERSION:4
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-FOO-VENDOR:some="thing",x=1
#EXT-X-MEDIA:URI="subs/en.m3u8",TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,X-VENDOR-ATTR="v"
#EXT-X-STREAM-INF:BANDWIDTH=233200,CODECS="avc1.4d4015,mp4a.40.2",SUBTITLES="subs",CLOSED-CAPTIONS=NONE
v360/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=123200,CODECS="avc1.4d400c,mp4a.40.2",SUBTITLES="subs",CLOSED-CAPTIONS=NONE
v144/index.m3u8
#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=30000,URI="v360/iframes.m3u8"
`;

describe('patchMaster', () => {
  it('adds one EXT-X-MEDIA before the first variant and SUBTITLES to every variant', () => {
    const p = patch(PLAIN);
    expect(p.text).toBe(`#EXTM3U
#EXT-X-VERSION:6
#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="chat",NAME="chat_kor",LANGUAGE="ko",DEFAULT=NO,AUTOSELECT=NO,URI="subs/chat_kor/index.m3u8"
#EXT-X-STREAM-INF:BANDWIDTH=233200,RESOLUTION=426x240,CODECS="avc1.4d4015,mp4a.40.2",SUBTITLES="chat"
v360/index.m3u8

#EXT-X-STREAM-INF:BANDWIDTH=123200,RESOLUTION=256x144,CODECS="avc1.4d400c,mp4a.40.2",SUBTITLES="chat"
v144/index.m3u8
`);
    expect(p).toMatchObject({ changed: true, inserted: 1, replaced: 0, variantsLinked: 2, groups: ['chat'] });
  });

  it('is idempotent: patching the patched master changes nothing', () => {
    const once = patch(PLAIN).text;
    const twice = patch(once);
    expect(twice.changed).toBe(false);
    expect(twice.text).toBe(once);
    expect(twice.replaced).toBe(1);
  });

  it('joins the existing subtitles group and keeps every other byte', () => {
    const p = patch(WITH_CAPTIONS);
    expect(p.groups).toEqual(['subs']);
    expect(p.variantsLinked).toBe(0);
    const before = WITH_CAPTIONS.split('\n');
    const after = p.text.split('\n');
    expect(after).toHaveLength(before.length + 1);
    const inserted = after.splice(6, 1)[0];
    expect(inserted).toBe(
      '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="chat_kor",LANGUAGE="ko",DEFAULT=NO,AUTOSELECT=NO,URI="subs/chat_kor/index.m3u8"',
    );
    expect(after).toEqual(before);
  });

  it('never touches I-frame variants', () => {
    const p = patch(WITH_CAPTIONS);
    expect(p.text).toContain('#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=30000,URI="v360/iframes.m3u8"\n');
  });

  it('adds the rendition to every subtitles group the variants reference', () => {
    const two = WITH_CAPTIONS.replace('SUBTITLES="subs",CLOSED-CAPTIONS=NONE\nv144', 'SUBTITLES="subs-low",CLOSED-CAPTIONS=NONE\nv144');
    const p = patch(two);
    expect(p.groups).toEqual(['subs', 'subs-low']);
    expect(p.text.match(/NAME="chat_kor"/g)).toHaveLength(2);
  });

  it('joins a subtitles group no variant references too, so that groups of one TYPE stay alike', () => {
    const orphan = `${WITH_CAPTIONS}#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="spare",NAME="English",LANGUAGE="en",URI="subs/en2.m3u8"\n`;
    const p = patch(orphan);
    expect(p.groups).toEqual(['subs', 'spare']);
    expect(p.text.match(/GROUP-ID="spare",NAME="chat_kor"/g)).toHaveLength(1);
    // Variants still link to the group they reference.
    expect(p.text.match(/SUBTITLES="spare"/g)).toBeNull();
  });

  it('refuses a new group beside subtitles groups no variant uses, naming the way out', () => {
    const orphan = PLAIN.replace('#EXT-X-VERSION:6\n', '#EXT-X-VERSION:6\n#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Korean",LANGUAGE="ko",URI="ko.m3u8"\n');
    let error: unknown;
    try {
      patch(orphan);
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ kind: 'input', file: 'master.m3u8', position: { line: 3 } });
    expect((error as Error).message).toMatch(/subtitles group "subs" \(NAME="Korean"\), which no variant uses; .* pass --group "subs" to join it/);
    const joined = patch(orphan, { group: 'subs' });
    expect(joined.groups).toEqual(['subs']);
    expect(joined.variantsLinked).toBe(2);
    expect(joined.text.match(/SUBTITLES="subs"/g)).toHaveLength(2);
  });

  it('refuses a second DEFAULT=YES in a group', () => {
    expect(() => patch(WITH_CAPTIONS, { default: true })).toThrow(/already has a DEFAULT=YES rendition \(NAME="English"\)/);
  });

  it('sets DEFAULT=YES together with AUTOSELECT=YES', () => {
    expect(patch(PLAIN, { default: true }).text).toContain('DEFAULT=YES,AUTOSELECT=YES');
  });

  it('replaces its own earlier line in place when options change', () => {
    const first = patch(PLAIN).text;
    const second = patch(first, { language: 'en' });
    expect(second.replaced).toBe(1);
    expect(second.text.match(/#EXT-X-MEDIA/g)).toHaveLength(1);
    expect(second.text).toContain('LANGUAGE="en"');
  });

  it('keeps CRLF line endings and a BOM as they were', () => {
    const crlf = `\uFEFF${PLAIN.replace(/\n/g, '\r\n')}`;
    const p = patch(crlf);
    expect(p.text.startsWith('\uFEFF#EXTM3U\r\n')).toBe(true);
    expect(p.text).not.toMatch(/[^\r]\n/);
  });

  it('keeps a master without a final newline intact', () => {
    const p = patch(PLAIN.trimEnd());
    expect(p.text.endsWith('v144/index.m3u8')).toBe(true);
  });

  it('rejects a media playlist given as the master, and a master without variants', () => {
    expect(() => patch('#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6,\na.ts\n')).toThrow(/found a media playlist/);
    expect(() => patch('#EXTM3U\n#EXT-X-VERSION:3\n')).toThrow(/neither variants/);
  });
});
