/**
 * A random VOD as playlists only (no media files; the fuzzer passes --mpegts and gives validate a
 * probe that returns it): a video media playlist with random segment counts and durations,
 * discontinuities, PROGRAM-DATE-TIME, sequence numbers and line endings, and a master with one to
 * three variants, with or without an existing subtitles group, audio groups, I-frame variants,
 * vendor tags and comments.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Joins lines with LF, CRLF, or a random mix, with or without a final terminator. */
function joinLines(r, lines, style) {
  const eol = () => (style === 'crlf' ? '\r\n' : style === 'mixed' ? r.pick(['\n', '\r\n']) : '\n');
  let out = '';
  lines.forEach((l, i) => {
    out += l;
    if (i < lines.length - 1) out += eol();
  });
  return r.chance(0.9) ? out + eol() : out;
}

/** An EXTINF duration in ms and as written (the writer keeps the text byte for byte). */
function randomDuration(r, style) {
  switch (style) {
    case 'constant':
      return { ms: 6000, text: '6.000000' };
    case 'integer': {
      const s = r.int(1, 10);
      return { ms: s * 1000, text: String(s) };
    }
    case 'short': {
      const ms = r.int(1, 999);
      return { ms, text: (ms / 1000).toFixed(3) };
    }
    case 'fractional': {
      // Durations in µs, as NTSC frame rates give (6.006006 s): discontinuity domains then start
      // inside a millisecond, where players show cues up to 0.5 ms off their ms.
      const us = r.chance(0.5) ? r.pick([6_006_006, 5_005_005, 2_002_002, 4_004_004, 1_001_001]) : r.int(200_000, 12_000_000);
      return { ms: us / 1000, text: (us / 1e6).toFixed(6) };
    }
    default: {
      const ms = r.int(200, 12_000);
      return { ms, text: (ms / 1000).toFixed(r.pick([3, 3, 5, 6])) };
    }
  }
}

export function generateVideoPlaylist(r) {
  const count = r.weighted([[2, 1], [10, r.int(2, 12)], [6, r.int(13, 60)], [1, r.int(61, 300)]]);
  const style = r.pick(['constant', 'integer', 'random', 'random', 'short', 'fractional']);
  const segments = [];
  let lastStyle = style;
  for (let i = 0; i < count; i++) {
    // The last segment is often shorter, like a real VOD's.
    if (i === count - 1 && r.chance(0.5)) lastStyle = 'random';
    segments.push({ ...randomDuration(r, i === count - 1 ? lastStyle : style), discontinuity: i > 0 && r.chance(0.08) });
  }
  const target = Math.max(1, ...segments.map((s) => Math.round(s.ms / 1000))) + r.weighted([[8, 0], [1, 1], [1, 4]]);
  const type = r.weighted([[6, 'VOD'], [2, 'EVENT'], [2, undefined]]);
  const endList = type === 'VOD' || r.chance(0.7);
  const pdtStart = r.chance(0.25) ? Date.UTC(2026, 10, 21, 19, 0, 0) + r.int(-60_000, 60_000) : undefined;

  const lines = ['#EXTM3U', `#EXT-X-VERSION:${r.int(3, 7)}`, `#EXT-X-TARGETDURATION:${target}`];
  const mediaSequence = r.weighted([[4, 0], [1, r.int(1, 100_000)]]);
  if (mediaSequence > 0 || r.chance(0.8)) lines.push(`#EXT-X-MEDIA-SEQUENCE:${mediaSequence}`);
  if (r.chance(0.2)) lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${r.int(0, 20)}`);
  if (type) lines.push(`#EXT-X-PLAYLIST-TYPE:${type}`);
  if (r.chance(0.4)) lines.push('#EXT-X-INDEPENDENT-SEGMENTS');
  if (r.chance(0.2)) lines.push('#EXT-X-VENDOR-THING:a=1', '# a comment');
  let t = 0;
  segments.forEach((s, i) => {
    if (s.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    if (pdtStart !== undefined && (i === 0 || s.discontinuity)) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(pdtStart + t).toISOString()}`);
    lines.push(`#EXTINF:${s.text},${r.chance(0.1) ? ' title' : ''}`, `seg_${i}.ts`);
    t += s.ms;
  });
  if (endList) lines.push('#EXT-X-ENDLIST');
  // Whole ms, as message times are (a fractional duration's last fraction of a ms shows no cue).
  return { text: joinLines(r, lines, r.weighted([[7, 'lf'], [2, 'crlf'], [1, 'mixed']])), segments, durationMs: Math.floor(t), hasPdt: pdtStart !== undefined };
}

/**
 * Writes video/index.m3u8 (and copies for the other variants) and master.m3u8 under `dir`.
 * Returns what the options generator must know: the subtitles group the variants already use and
 * whether it already has a DEFAULT=YES rendition (then --default is an input error, not fuzzed).
 */
export function writeVod(r, dir) {
  const video = generateVideoPlaylist(r);
  const variants = r.int(1, 3);
  const uris = [];
  for (let i = 0; i < variants; i++) {
    const folder = i === 0 ? 'video' : r.pick([`v${i}`, `변형 ${i}`]);
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, 'index.m3u8'), video.text);
    uris.push(`${encodeURI(folder)}/index.m3u8`);
  }

  const existingGroup = r.chance(0.3) ? r.pick(['subs', 'cc', '자막']) : undefined;
  // Sometimes the variants split between two subtitles groups: the chat must join both.
  const secondGroup = existingGroup && variants > 1 && r.chance(0.4) ? `${existingGroup}-2` : undefined;
  const existingDefault = existingGroup !== undefined && r.chance(0.5);
  const audio = r.chance(0.3);
  // Renditions after the variants are legal and happen; the patch must still insert in the right place.
  const mediaLast = r.chance(0.15);
  const media = [];
  const lines = ['#EXTM3U'];
  if (r.chance(0.8)) lines.push(`#EXT-X-VERSION:${r.int(3, 7)}`);
  if (r.chance(0.3)) lines.push('#EXT-X-INDEPENDENT-SEGMENTS');
  if (r.chance(0.3)) lines.push('## generated by an encoder that likes comments', '#EXT-X-SESSION-DATA:DATA-ID="com.example.title",VALUE="방송"');
  if (r.chance(0.2)) lines.push('#EXT-X-VENDOR-KEY:URI="https://example.com/k",X=1');
  if (audio) media.push('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="main",LANGUAGE="ko",DEFAULT=YES,AUTOSELECT=YES');
  for (const group of [existingGroup, secondGroup].filter(Boolean)) {
    const yes = existingDefault ? 'YES' : 'NO';
    media.push(`#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="${group}",NAME="English",LANGUAGE="en",DEFAULT=${yes},AUTOSELECT=${yes},URI="en/${group}.m3u8"`);
  }
  if (!mediaLast) lines.push(...media);
  if (r.chance(0.2)) lines.push('');
  uris.forEach((uri, i) => {
    const attrs = [`BANDWIDTH=${(i + 1) * 400_000}`, `RESOLUTION=${640 * (i + 1)}x${360 * (i + 1)}`, 'CODECS="avc1.4d401f,mp4a.40.2"'];
    if (audio) attrs.push('AUDIO="aud"');
    if (existingGroup) {
      const group = secondGroup && i % 2 === 1 ? secondGroup : existingGroup;
      // SUBTITLES anywhere in the list, not only last.
      attrs.splice(r.int(0, attrs.length), 0, `SUBTITLES="${group}"`);
    }
    if (r.chance(0.2)) attrs.push('FRAME-RATE=29.970');
    lines.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, uri);
    if (r.chance(0.2)) lines.push('');
  });
  if (mediaLast) lines.push(...media);
  if (r.chance(0.2)) lines.push(`#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="${uris[0].replace('index', 'iframes')}"`);
  if (r.chance(0.1)) lines.push('# trailing comment');
  const masterText = joinLines(r, lines, r.weighted([[7, 'lf'], [2, 'crlf'], [1, 'mixed']]));
  const master = join(dir, 'master.m3u8');
  writeFileSync(master, masterText);
  return { master, masterText, video, existingGroup, existingDefault };
}
