import { createRequire } from 'node:module';

// node-webvtt 1.9 (CommonJS) parses cues strictly. It rejects the HLS X-TIMESTAMP-MAP header line
// (osk/node-webvtt#72), so the map is read here and removed before parsing.
const require = createRequire(import.meta.url);
const webvtt = require('node-webvtt') as {
  parse(input: string, options?: { meta?: boolean; strict?: boolean }): {
    valid: boolean;
    cues: { identifier: string; start: number; end: number; text: string; styles: string }[];
    meta?: Record<string, string> | null;
  };
};

export interface ParsedSegment {
  map: string | undefined;
  cues: { id: string; startMs: number; endMs: number; text: string; settings: string }[];
}

/** Parses one HLS WebVTT segment with node-webvtt (strict), keeping the timestamp map header. */
export function parseSegment(text: string): ParsedSegment {
  const m = /^WEBVTT\nX-TIMESTAMP-MAP=([^\n]*)\n/.exec(text);
  const parsed = webvtt.parse(m ? `WEBVTT\n${text.slice(m[0].length)}` : text, { strict: true });
  return {
    map: m?.[1],
    cues: parsed.cues.map((c) => ({
      id: c.identifier,
      startMs: Math.round(c.start * 1000),
      endMs: Math.round(c.end * 1000),
      text: c.text,
      settings: c.styles,
    })),
  };
}

/** What a viewer reads: tags removed, the six WebVTT entities decoded. */
export function visibleText(cueText: string): string {
  return cueText
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00A0')
    .replace(/&lrm;/g, '\u200E')
    .replace(/&rlm;/g, '\u200F')
    .replace(/&amp;/g, '&');
}
