import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { detectFormat } from '../../src/ingest/detect.js';
import { fixture } from './helpers.js';

const detect = (text: string) => detectFormat(Buffer.from(text));

describe('detectFormat', () => {
  test('recognises every shared sample', () => {
    expect(detectFormat(fixture('twitchdownloader.json'))).toBe('twitchdownloader');
    expect(detectFormat(fixture('twitch-v5-rechat.json'))).toBe('twitchdownloader');
    expect(detectFormat(fixture('ytdlp.live_chat.json'))).toBe('ytdlp');
    expect(detectFormat(fixture('ytdlp.live-capture.live_chat.json'))).toBe('ytdlp');
    expect(detectFormat(fixture('chat-downloader.json'))).toBe('chat-downloader');
  });

  test('native archives: object, bare array, empty array, JSON Lines', () => {
    expect(detect('{"version":1,"messages":[]}')).toBe('native');
    expect(detect('{\n  "version": 1,\n  "broadcast": {"id": "x"},\n  "messages": [\n')).toBe('native');
    expect(detect('[{"id":"1","offsetMs":0,"author":{"name":"a"},"text":"hi"}]')).toBe('native');
    expect(detect(' [ ] ')).toBe('native');
    expect(detect('{"id":"1","offsetMs":0,"author":{"name":"a"},"text":"hi"}\n{"id":"2","offsetMs":1,"author":{"name":"a"},"text":"yo"}\n')).toBe('native-jsonl');
  });

  test('other shapes of the known tools: RechatTool arrays, chat-downloader JSON Lines, a cut-off first line', () => {
    expect(detect('[{"_id":"x","content_offset_seconds":1.5,"commenter":{}}]')).toBe('twitchdownloader');
    expect(detect('{"message_type":"text_message","time_in_seconds":1}\n')).toBe('chat-downloader');
    expect(detect('{"FileInfo":{"Version":{"Major":1}},"video":{"start":0},"comments":[{"_id":"')).toBe('twitchdownloader');
    expect(detect(`{"FileInfo":{},"video":{"description":"${'x'.repeat(70_000)}`)).toBe('twitchdownloader');
  });

  test('anything else is not guessed', () => {
    expect(detect('{"foo":1}')).toBeUndefined();
    expect(detect('WEBVTT\n\n')).toBeUndefined();
    expect(detect('[1,2,3]')).toBeUndefined();
    expect(detectFormat(gzipSync('{"comments":[]}'))).toBeUndefined(); // detection runs on decoded bytes
  });
});
