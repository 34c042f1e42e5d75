import { describe, expect, it } from 'vitest';
import { parseMaster } from '../../src/hls/master.js';
import { assertOutputIsOurs } from '../../src/hls/output-conflicts.js';

const MASTER = [
  '#EXTM3U',
  '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",URI="cc/index.m3u8"',
  '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="chat_kor",URI="subs/chat_kor/index.m3u8"',
  '#EXT-X-STREAM-INF:BANDWIDTH=1,SUBTITLES="subs"',
  'v360/index.m3u8',
  '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1,URI="iframes/index.m3u8"',
  '',
].join('\n');
const master = parseMaster(MASTER, 'master.m3u8');
const url = new URL('file:///vod/master.m3u8');
const OURS = '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.000000,\nseg_00000_0123456789.vtt\n#EXTINF:6.000000,\nseg_00001.vtt\n#EXT-X-ENDLIST\n';
const check = (uri: string, existing?: string) => () => assertOutputIsOurs(master, url, uri, 'x', existing);

describe('assertOutputIsOurs', () => {
  it('accepts a new place, and chat-replay\'s own playlist under any name the master gives it', () => {
    expect(check('subs/chat/index.m3u8')).not.toThrow();
    expect(check('subs/chat_kor/index.m3u8', OURS)).not.toThrow();
    expect(check('cc/index.m3u8', OURS)).not.toThrow();
  });

  it('refuses the playlist of a variant or an I-frame variant, however the URI is written', () => {
    expect(check('v360/index.m3u8')).toThrow(/video variant of the master \(line 5\)/);
    expect(check('./v360/../v360/index.m3u8')).toThrow(/video variant/);
    expect(check('iframes/index.m3u8')).toThrow(/I-frame variant of the master \(line 6\)/);
  });

  it('refuses a playlist another tool wrote, named by the master or not', () => {
    const theirs = '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.0,\nenglish_0.vtt\n#EXT-X-ENDLIST\n';
    expect(check('cc/index.m3u8', theirs)).toThrow(/subtitles rendition NAME="English" \(line 2\), which chat-replay did not write/);
    expect(check('elsewhere/index.m3u8', theirs)).toThrow(/a playlist chat-replay did not write/);
    expect(check('elsewhere/index.m3u8', '#EXTM3U\n#EXT-X-ENDLIST\n')).toThrow(/did not write/);
    expect(check('elsewhere/index.m3u8', 'hello')).toThrow(/did not write/);
  });

  it('passes over a master URI that does not parse', () => {
    const odd = parseMaster('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nhttp://[bad/index.m3u8\n', 'master.m3u8');
    expect(() => assertOutputIsOurs(odd, url, 'subs/chat/index.m3u8', 'x', undefined)).not.toThrow();
  });

  it('says what to do, as a usage error', () => {
    expect(check('v360/index.m3u8')).toThrow(expect.objectContaining({ kind: 'usage', message: expect.stringMatching(/^--out x would overwrite v360\/index\.m3u8, .*; choose another --out/) }));
  });
});
