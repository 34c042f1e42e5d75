/**
 * Random chat text that aims at every escaping and parsing edge a WebVTT segment or an HLS playlist
 * has: astral characters and ZWJ sequences (surrogate pairs), lone surrogates, C0/C1 controls and
 * line separators (a blank payload line ends a cue), RTL text and bidi controls, `-->`, `<`, `&`,
 * things that look like WebVTT or HLS syntax, and plain Korean and English.
 */

const range = (from, to) => (r) => String.fromCodePoint(r.int(from, to));
const literal = (...items) => (r) => r.pick(items);

const PIECES = [
  [20, literal('hello', 'lol', 'GG', 'wow', 'ㅋㅋㅋ', '안녕하세요', '진짜?', 'nice play', 'pog', ' ', ' ', '  ')],
  [10, range(0xac00, 0xd7a3)], // Hangul syllables
  [3, range(0x1100, 0x11ff)], // Hangul jamo (combining in sequence)
  [4, range(0x4e00, 0x9fff)], // CJK
  [6, range(0x1f300, 0x1faff)], // astral emoji: surrogate pairs
  [3, literal('👨‍👩‍👧‍👦', '🏳️‍🌈', '🇰🇷', '🇨🇦', '👍🏽', '❤️', '1️⃣', '🧑🏿‍💻')], // ZWJ, flags, modifiers, keycaps
  [3, range(0x0300, 0x036f)], // combining marks, possibly with nothing to combine with
  [4, range(0x0600, 0x06ff)], // Arabic (RTL)
  [2, range(0x05d0, 0x05ea)], // Hebrew (RTL)
  [3, literal('\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f')], // bidi
  [4, range(0x0000, 0x001f)], // C0 controls incl. NUL, TAB, LF, CR
  [2, literal('\u007f', '\u0085', '\u2028', '\u2029', '\u000b', '\u000c')], // DEL, NEL, line/paragraph separators
  [2, range(0x0080, 0x009f)], // C1 controls
  [3, range(0xd800, 0xdbff)], // lone high surrogate
  [3, range(0xdc00, 0xdfff)], // lone low surrogate
  [6, literal('-->', '--', '->', '<', '>', '&', '&amp;', '&lt;', '&gt;', '&nbsp;', '&#60;', '&bogus;', ';')],
  [4, literal('<b>', '</b>', '<i>', '<v Someone>', '</v>', '<c.red>', '</c>', '<ruby>', '<00:00:01.000>', '<script>')],
  [3, literal('\n', '\r\n', '\r', '\n\n', '\t', '\u00a0', '\u200b', '\ufeff', '\u3000')],
  [2, literal('WEBVTT', 'NOTE', 'STYLE', 'REGION', '00:00:01.000 --> 00:00:02.000', 'X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000')],
  [2, literal('#EXTM3U', '#EXT-X-ENDLIST', '#EXTINF:1,', '"', ',', '=', '\\', '/', '%20', '%')],
  [1, literal('\ufffd', '\ufffe', '\uffff', '\ue000', '\u{10ffff}', '\u{e0041}', '\ufe0f', '\u{1d11e}')], // specials, PUA, tags
];

export function randomText(r, maxPieces = 12) {
  const n = r.weighted([[3, 0], [60, r.int(1, maxPieces)], [8, r.int(maxPieces, maxPieces * 4)], [1, r.int(200, 800)]]);
  let s = '';
  for (let i = 0; i < n; i++) s += r.weighted(PIECES)(r);
  return s;
}

/** A display name: usually ordinary, sometimes as hostile as a message. */
export function randomName(r) {
  return r.weighted([
    [6, r.pick(['한결', '감자튀김', 'danny_plays', 'Nightbot', 'mod_kim', 'ユーザー', 'مستخدم', 'x'])],
    [3, randomText(r, 4)],
    [1, ''],
  ]);
}
