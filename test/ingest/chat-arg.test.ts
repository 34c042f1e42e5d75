import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ChatReplayError } from '../../src/errors.js';
import { parseChatArg } from '../../src/ingest/chat-arg.js';

function usage(arg: string): string {
  try {
    parseChatArg(arg);
  } catch (err) {
    if (err instanceof ChatReplayError && err.kind === 'usage') return err.message;
    throw err;
  }
  throw new Error('expected a usage error');
}

describe('parseChatArg', () => {
  test('a plain path, and options in any order', () => {
    expect(parseChatArg('chat.json')).toEqual({ file: 'chat.json', offsetMs: 0 });
    expect(parseChatArg('yt.live_chat.json:offset=-2.5:label=YT')).toEqual({ file: 'yt.live_chat.json', offsetMs: -2500, label: 'YT' });
    expect(parseChatArg('a.json:format=ytdlp:offset=.25')).toEqual({ file: 'a.json', offsetMs: 250, format: 'ytdlp' });
    expect(parseChatArg('a.json:offset=+3')).toEqual({ file: 'a.json', offsetMs: 3000 });
    expect(parseChatArg('a.json:offset=-0')).toEqual({ file: 'a.json', offsetMs: 0 });
  });

  test('paths containing ":" keep them; only known trailing keys are options', () => {
    expect(parseChatArg('C:\\chats\\vod.json:label=Twitch')).toEqual({ file: 'C:\\chats\\vod.json', offsetMs: 0, label: 'Twitch' });
    expect(parseChatArg('stream:1.json')).toEqual({ file: 'stream:1.json', offsetMs: 0 });
    expect(parseChatArg('dir:offset=1/chat.json')).toEqual({ file: 'dir:offset=1/chat.json', offsetMs: 0 });
    expect(parseChatArg('x:speed=2')).toEqual({ file: 'x:speed=2', offsetMs: 0 });
  });

  test('bad values are usage errors that say what is expected', () => {
    expect(usage('a.json:offset=abc')).toBe('--chat a.json:offset=abc: offset must be a number of seconds, like offset=-2.5 (got "abc")');
    expect(usage('a.json:format=srt')).toBe('--chat a.json:format=srt: unknown format "srt" (formats: native, native-jsonl, twitchdownloader, ytdlp, chat-downloader)');
    expect(usage('a.json:label=')).toBe('--chat a.json:label=: label must not be empty');
    // Was Infinity ms: every message out of range (and, before time-range.ts, a 120 s hang).
    expect(usage(`a.json:offset=${'9'.repeat(400)}`)).toMatch(/^--chat a\.json:offset=9+: offset is out of range \(a time must be a finite number within ±9007199254740991 ms/);
    expect(usage('a.json:offset=9007199254740.992')).toMatch(/offset is out of range/);
    expect(parseChatArg('a.json:offset=-9007199254740').offsetMs).toBe(-9_007_199_254_740_000);
    expect(usage('a.json:offset=1:offset=2')).toBe('--chat a.json:offset=1:offset=2: offset is given twice');
    expect(usage(':label=YT')).toBe('--chat :label=YT: no file given (expected FILE[:offset=SECONDS][:label=TEXT][:format=NAME])');
  });
});

describe('parseChatArg properties', () => {
  test('any path without a trailing option, followed by any options, comes back apart', () => {
    const path = fc.string({ minLength: 1 }).filter((p) => !/:(offset|label|format)=[^/\\]*$/.test(p));
    const label = fc.string({ minLength: 1 }).filter((l) => l.trim() !== '' && !/[:/\\]/.test(l));
    fc.assert(
      fc.property(path, fc.option(fc.integer({ min: -100_000, max: 100_000 })), fc.option(label), (file, offsetMs, text) => {
        let arg = file;
        if (offsetMs !== null) arg += `:offset=${offsetMs / 1000}`;
        if (text !== null) arg += `:label=${text}`;
        const parsed = parseChatArg(arg);
        expect(parsed.file).toBe(file);
        expect(parsed.offsetMs).toBe(offsetMs ?? 0);
        expect(parsed.label).toBe(text ?? undefined);
      }),
    );
  });
});
