import type { Severity } from './finding.js';

interface RuleInfo {
  severity: Severity;
  /** One line for README and `--help`: what the rule guards against. */
  description: string;
}

/**
 * Every rule id the validator can report, with its fixed severity. Checks report by id and take the
 * severity from here, so the README table and the output never disagree. Section numbers point at
 * ../shared/reference/hls-webvtt.md.
 */
export const RULES = {
  // Reading
  'file-unreadable': { severity: 'error', description: 'A playlist or segment the rendition references cannot be read.' },
  'file-bom': { severity: 'error', description: 'A playlist or segment starts with a UTF-8 byte order mark.' },
  'file-not-utf8': { severity: 'error', description: 'A playlist or segment is not valid UTF-8.' },

  // Multivariant (master) playlist, §1.4–1.5
  'master-header-missing': { severity: 'error', description: 'The master does not start with #EXTM3U.' },
  'master-attribute-duplicate': { severity: 'error', description: 'An attribute appears twice in one attribute list.' },
  'master-attribute-syntax': { severity: 'error', description: 'A malformed attribute list: an unterminated or stray quote, a name or value players read differently.' },
  'master-media-type-missing': { severity: 'error', description: 'EXT-X-MEDIA without TYPE.' },
  'master-media-group-id-missing': { severity: 'error', description: 'EXT-X-MEDIA without a non-empty GROUP-ID.' },
  'master-media-name-missing': { severity: 'error', description: 'EXT-X-MEDIA without a non-empty NAME.' },
  'master-media-uri-missing': { severity: 'error', description: 'A SUBTITLES rendition without URI.' },
  'master-media-uri-not-playlist': { severity: 'error', description: 'A SUBTITLES URI that does not name an .m3u8 playlist (hls.js fails on a .vtt URI).' },
  'master-media-name-duplicate': { severity: 'error', description: 'Two renditions of one group share a NAME.' },
  'master-media-default-multiple': { severity: 'error', description: 'More than one DEFAULT=YES rendition in a group.' },
  'master-media-default-without-autoselect': { severity: 'error', description: 'DEFAULT=YES without AUTOSELECT=YES.' },
  'master-media-autoselect-ambiguous': { severity: 'warning', description: 'Two AUTOSELECT=YES members of a group share LANGUAGE, ASSOC-LANGUAGE, FORCED and CHARACTERISTICS: players choosing by language cannot tell them apart.' },
  'master-group-members-differ': { severity: 'error', description: 'Groups of one TYPE do not have the same members (by NAME) with the same attributes but for URI.' },
  'master-media-language-invalid': { severity: 'error', description: 'LANGUAGE or ASSOC-LANGUAGE is not a BCP 47 tag.' },
  'master-media-forced': { severity: 'warning', description: 'FORCED=YES hides the track in Safari and video.js.' },
  'master-stream-inf-group-unknown': { severity: 'error', description: 'EXT-X-STREAM-INF SUBTITLES names no SUBTITLES group.' },
  'master-stream-inf-subtitles-absent': { severity: 'warning', description: 'A variant without SUBTITLES while the master has subtitle groups.' },
  'master-stream-inf-uri-missing': { severity: 'error', description: 'EXT-X-STREAM-INF not followed by its URI line.' },
  'master-stream-inf-bandwidth-subtitles': { severity: 'warning', description: 'The subtitles peak at over 10 % of a variant\'s BANDWIDTH, which must count them too.' },
  'master-iframe-subtitles': { severity: 'error', description: 'SUBTITLES on EXT-X-I-FRAME-STREAM-INF.' },
  'master-rendition-not-found': { severity: 'error', description: 'No SUBTITLES rendition (or none with the --rendition NAME).' },

  // Subtitle media playlist against the video playlist, §1.3 and §1.6
  'playlist-header-missing': { severity: 'error', description: 'A media playlist does not start with #EXTM3U.' },
  'playlist-tag-duplicate': { severity: 'error', description: 'A once-only tag (VERSION, TARGETDURATION, ...) appears twice.' },
  'playlist-extinf-invalid': { severity: 'error', description: 'An EXTINF duration that is not a non-negative decimal.' },
  'playlist-extinf-uri-missing': { severity: 'error', description: 'An EXTINF not followed by a segment URI.' },
  'playlist-version-too-low': { severity: 'error', description: 'EXTINF durations written with a decimal point (even `6.000`) need EXT-X-VERSION 3 or higher.' },
  'playlist-targetduration-missing': { severity: 'error', description: 'No EXT-X-TARGETDURATION, or one below 1.' },
  'playlist-targetduration-exceeded': { severity: 'error', description: 'An EXTINF that rounds above EXT-X-TARGETDURATION.' },
  'playlist-targetduration-mismatch': { severity: 'error', description: 'TARGETDURATION differs from the video in a playlist that is not VOD.' },
  'playlist-segment-count': { severity: 'error', description: 'The subtitle playlist has a different number of segments than the video.' },
  'playlist-extinf-mismatch': { severity: 'error', description: 'A segment duration differs from the video segment at the same position.' },
  'playlist-media-sequence-mismatch': { severity: 'warning', description: 'EXT-X-MEDIA-SEQUENCE differs from the video (clients do not rely on it).' },
  'playlist-type-mismatch': { severity: 'error', description: 'EXT-X-PLAYLIST-TYPE differs from the video.' },
  'playlist-endlist-mismatch': { severity: 'error', description: 'EXT-X-ENDLIST present in one playlist and not the other.' },
  'playlist-discontinuity-mismatch': { severity: 'error', description: 'EXT-X-DISCONTINUITY positions or DISCONTINUITY-SEQUENCE differ from the video.' },
  'playlist-program-date-time-mismatch': { severity: 'error', description: 'EXT-X-PROGRAM-DATE-TIME missing or different on a segment that has one in the video.' },

  // Each WebVTT segment, §1.1 and §3
  'segment-empty': { severity: 'error', description: 'A zero-byte segment; hls.js fails it. Write a header-only file.' },
  'segment-header-missing': { severity: 'error', description: 'The first line is not WEBVTT.' },
  'segment-header-unterminated': { severity: 'error', description: 'No blank line between the header and the first cue.' },
  'segment-map-missing': { severity: 'error', description: 'No X-TIMESTAMP-MAP: players map cue 0 to PTS 0.' },
  'segment-map-misplaced': { severity: 'error', description: 'X-TIMESTAMP-MAP is not the line directly after WEBVTT.' },
  'segment-map-malformed': { severity: 'error', description: 'X-TIMESTAMP-MAP is not MPEGTS:<int>,LOCAL:hh:mm:ss.mmm without spaces.' },
  'segment-map-duplicate': { severity: 'error', description: 'More than one X-TIMESTAMP-MAP in one segment.' },
  'segment-map-inconsistent': { severity: 'error', description: 'The map differs from the first segment of its discontinuity domain.' },
  'segment-map-mpegts': { severity: 'error', description: 'MPEGTS (less LOCAL) is not the video\'s probed origin ±1 tick: cues shift.' },
  'segment-map-probe-failed': { severity: 'warning', description: 'The video origin could not be probed, so segment-map-mpegts was not checked.' },
  'segment-block-invalid': { severity: 'error', description: 'A text block without a cue timing line: usually a blank line cut a cue.' },

  // Cues, §3.2–3.3 and §7
  'cue-timing-malformed': { severity: 'error', description: 'A cue timing line that is not `[hh:]mm:ss.mmm --> [hh:]mm:ss.mmm [settings]`.' },
  'cue-end-not-after-start': { severity: 'error', description: 'A cue whose end is not after its start.' },
  'cue-unsorted': { severity: 'error', description: 'A cue starts before the previous cue in the same segment.' },
  'cue-payload-empty': { severity: 'warning', description: 'A cue without payload; Shaka drops it.' },
  'cue-payload-blank-line': { severity: 'error', description: 'A whitespace-only payload line.' },
  'cue-payload-arrow': { severity: 'error', description: '`-->` in a payload line ends the cue there.' },
  'cue-payload-unescaped': { severity: 'error', description: 'Raw `&` or `<` outside the WebVTT tags and the six portable entities.' },
  'cue-outside-window': { severity: 'error', description: 'A cue listed in a segment whose window it does not overlap.' },
  'cue-spanning-missing': { severity: 'error', description: 'A cue is missing from a segment whose window it overlaps.' },
  'cue-spanning-differs': { severity: 'error', description: 'A repeated cue is not byte-identical to its first copy.' },
  'cue-id-duplicate': { severity: 'error', description: 'A cue identifier reused for a different cue; hls.js drops the later one.' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;
export const severityOf = (rule: RuleId): Severity => RULES[rule].severity;
