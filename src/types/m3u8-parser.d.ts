// m3u8-parser ships no types; this covers the part of its model chat-replay reads.
declare module 'm3u8-parser' {
  export interface ByteRange {
    length: number;
    offset: number;
  }
  export interface ParsedSegment {
    uri: string;
    duration: number;
    title?: string;
    timeline: number;
    discontinuity?: boolean;
    byterange?: ByteRange;
    map?: { uri: string; byterange?: ByteRange };
    /** Only on segments that carried an EXT-X-PROGRAM-DATE-TIME tag, as written. */
    dateTimeString?: string;
    /** Epoch ms, extrapolated by the parser onto later segments. */
    programDateTime?: number;
    custom?: Record<string, unknown>;
  }
  export interface ParsedPlaylistRef {
    uri: string;
    attributes: Record<string, unknown>;
  }
  export interface ParsedManifest {
    version?: number;
    targetDuration?: number;
    mediaSequence?: number;
    discontinuitySequence?: number;
    playlistType?: string;
    endList?: boolean;
    segments: ParsedSegment[];
    playlists?: ParsedPlaylistRef[];
    mediaGroups?: Record<string, Record<string, Record<string, Record<string, unknown>>>>;
    discontinuityStarts: number[];
  }
  export class Parser {
    constructor(options?: { url?: string; mainDefinitions?: Record<string, string> });
    manifest: ParsedManifest;
    push(chunk: string): void;
    end(): void;
    on(event: 'warn' | 'info', listener: (e: { message: string }) => void): void;
    addParser(options: {
      expression: RegExp;
      customType: string;
      dataParser?: (line: string) => unknown;
      segment?: boolean;
    }): void;
    addTagMapper(options: { expression: RegExp; map: (line: string) => string }): void;
  }
}
