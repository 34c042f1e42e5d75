import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/validate/decode.js';
import { validateRendition } from '../../src/validate/validate-rendition.js';
import { collect } from './helpers.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('encoding', () => {
  it('reports a BOM and strips it so the other checks still see WEBVTT on line 1', () => {
    let text = '';
    const findings = collect((r) => { text = decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('WEBVTT\n')]), 's.vtt', r); });
    expect(findings).toEqual([expect.objectContaining({ rule: 'file-bom', line: 1 })]);
    expect(text).toBe('WEBVTT\n');
  });

  it('reports invalid UTF-8 on the line of the first bad byte', () => {
    const bytes = new Uint8Array([...utf8('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n'), 0xc3, 0x28, 0x0a]);
    expect(collect((r) => decodeUtf8(bytes, 's.vtt', r))).toEqual([expect.objectContaining({ rule: 'file-not-utf8', line: 4 })]);
  });

  it('accepts Korean and emoji', () => {
    expect(collect((r) => decodeUtf8(utf8('민지: 안녕 👋\n'), 's.vtt', r))).toEqual([]);
  });
});

describe('a master that is not one', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'validate-master-'));
    await writeFile(join(dir, 'master.m3u8'), [
      '#EXT-X-VERSION:6',
      '#EXT-X-MEDIA:GROUP-ID="chat",NAME="a",URI="a.m3u8"',
      '#EXT-X-MEDIA:TYPE=SUBTITLES,NAME="b",URI="b.m3u8"',
      '',
    ].join('\n'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the missing #EXTM3U, TYPE and GROUP-ID, and still follows the SUBTITLES rendition it can see', async () => {
    const findings = await validateRendition(join(dir, 'master.m3u8'));
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['master-header-missing', 1], ['master-media-type-missing', 2], ['master-media-group-id-missing', 3],
      ['file-unreadable', undefined],
    ]);
    expect(findings[3]?.message).toBe('cannot read the playlist of rendition "b": no such file');
  });
});
