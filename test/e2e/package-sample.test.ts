import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copySample, runCli, SAMPLE_CHAT, SAMPLE_RULES, snapshotTree } from '../support/cli.js';
import { parseSegment, visibleText, type ParsedSegment } from '../support/webvtt.js';

interface ArchiveMessage {
  id: string;
  offsetMs?: number;
  sentAt?: string;
  author: { name: string };
  text: string;
  deleted?: boolean;
}
const archive = JSON.parse(readFileSync(SAMPLE_CHAT, 'utf8')) as { broadcast: { startedAt: string }; messages: ArchiveMessage[] };
const timeOf = (m: ArchiveMessage) => m.offsetMs ?? Date.parse(m.sentAt!) - Date.parse(archive.broadcast.startedAt);

function extinfs(playlist: string): string[] {
  return [...playlist.matchAll(/^#EXTINF:([^,]*),/gm)].map((m) => m[1]!);
}
function uris(playlist: string): string[] {
  return playlist.split('\n').filter((l) => l && !l.startsWith('#'));
}

describe('package: the sample VOD end to end (no rules)', () => {
  let dir: string;
  let masterBefore: string;
  let run: Awaited<ReturnType<typeof runCli>>;
  let video: string;
  let subs: string;
  let segments: ParsedSegment[];

  beforeAll(async () => {
    dir = copySample('vod-ts');
    masterBefore = readFileSync(join(dir, 'master.m3u8'), 'utf8');
    run = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', join(dir, 'master.m3u8'), '--json']);
    video = readFileSync(join(dir, 'v360', 'index.m3u8'), 'utf8');
    subs = readFileSync(join(dir, 'subs', 'chat_kor', 'index.m3u8'), 'utf8');
    segments = uris(subs).map((u) => parseSegment(readFileSync(join(dir, 'subs', 'chat_kor', u), 'utf8')));
  });

  it('exits 0 and reports what it did as JSON', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.messages.read).toBe(archive.messages.length);
    expect(summary.segments.total).toBe(7);
    expect(summary.cues.droppedPastEnd).toBe(1); // the message at 41.5 s, after the 40 s video
  });

  it('writes one segment per video segment with the same EXTINF, TARGETDURATION, sequence and type', () => {
    expect(extinfs(subs)).toEqual(extinfs(video));
    for (const tag of ['#EXT-X-TARGETDURATION:', '#EXT-X-MEDIA-SEQUENCE:', '#EXT-X-PLAYLIST-TYPE:']) {
      expect(subs.split('\n').find((l) => l.startsWith(tag))).toBe(video.split('\n').find((l) => l.startsWith(tag)));
    }
    expect(subs.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
  });

  it('starts every segment with WEBVTT and the probed timestamp map', () => {
    for (const u of uris(subs)) {
      const text = readFileSync(join(dir, 'subs', 'chat_kor', u), 'utf8');
      expect(text.startsWith('WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000\n\n')).toBe(true);
    }
  });

  it('shows every message of the video at its time, in the segment that holds that time', () => {
    const inVideo = archive.messages.filter((m) => timeOf(m) < 40_000);
    for (const m of inVideo) {
      const t = timeOf(m);
      const seg = segments[Math.min(Math.floor(t / 6000), 6)]!;
      const expected = `${m.author.name}: ${m.text.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ')}`.trim();
      // A burst of more than --max-visible messages in one millisecond is spread 1 ms apart, so each
      // message is on screen from its time or, in such a burst, a few ms later.
      const cue = seg.cues.find((c) => visibleText(c.text) === expected && c.startMs >= t);
      expect(cue, `message ${m.id} at ${t} ms`).toBeDefined();
      expect(cue!.startMs - t, `message ${m.id} starts at ${cue!.startMs} ms`).toBeGreaterThanOrEqual(0);
      expect(cue!.startMs - t, `message ${m.id} starts at ${cue!.startMs} ms`).toBeLessThanOrEqual(5);
      expect(cue!.endMs).toBeGreaterThan(cue!.startMs);
    }
  });

  it('repeats a cue that spans a boundary, byte-identical and with the same id', () => {
    const first = segments[0]!.cues.find((c) => c.text.includes('spans the 6 s boundary'))!;
    const second = segments[1]!.cues.find((c) => c.text.includes('spans the 6 s boundary'))!;
    expect(first).toBeDefined();
    expect(second).toEqual(first);
    const raw = (i: number) => readFileSync(join(dir, 'subs', 'chat_kor', uris(subs)[i]!), 'utf8');
    expect(first.startMs).toBe(5500);
    expect(first.endMs).toBeGreaterThan(6000);
    const block = `${first.id}\n00:00:05.500 --> 00:00:${(first.endMs / 1000).toFixed(3).padStart(6, '0')}\n`;
    expect(raw(0)).toContain(block);
    expect(raw(1)).toContain(block);
  });

  it('shows -->, <b> and & literally', () => {
    const all = segments.flatMap((s) => s.cues.map((c) => visibleText(c.text)));
    expect(all).toContain('pixel_fox: <b>bold?</b> nope, shown as text');
    expect(all).toContain('danny_plays: Tom & Jerry &amp; friends');
    expect(all).toContain('Lucy: the arrow --> should not break the cue');
  });

  it('keeps cue ids unique across the presentation (same id means the same cue)', () => {
    const byId = new Map<string, string>();
    for (const c of segments.flatMap((s) => s.cues)) {
      const key = JSON.stringify(c);
      expect(byId.get(c.id) ?? key).toBe(key);
      byId.set(c.id, key);
    }
  });

  it('keeps every line of the master and adds the rendition', () => {
    const after = readFileSync(join(dir, 'master.m3u8'), 'utf8');
    const added = after.split('\n').filter((l) => !masterBefore.split('\n').includes(l));
    expect(added).toEqual([
      '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="chat",NAME="chat_kor",LANGUAGE="ko",DEFAULT=NO,AUTOSELECT=NO,URI="subs/chat_kor/index.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=233200,RESOLUTION=426x240,CODECS="avc1.4d4015,mp4a.40.2",SUBTITLES="chat"',
      '#EXT-X-STREAM-INF:BANDWIDTH=123200,RESOLUTION=256x144,CODECS="avc1.4d400c,mp4a.40.2",SUBTITLES="chat"',
    ]);
    expect(after.replace(/,SUBTITLES="chat"/g, '').replace(/^#EXT-X-MEDIA:.*\n/m, '')).toBe(masterBefore);
  });

  it('gives byte-identical master and outputs when run again', async () => {
    const before = snapshotTree(dir);
    const again = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', join(dir, 'master.m3u8'), '--json']);
    expect(again.code).toBe(0);
    expect(snapshotTree(dir)).toEqual(before);
    // And says so: the segments were already there, only the playlist was written again.
    const summary = JSON.parse(again.stdout);
    expect(summary.segments.unchanged).toBe(summary.segments.total);
    expect(summary.files.written).toBe(1);
    // A dry run says the same, without writing.
    const dry = JSON.parse((await runCli(['package', '--chat', SAMPLE_CHAT, '--master', join(dir, 'master.m3u8'), '--json', '--dry-run'])).stdout);
    expect(dry.segments.unchanged).toBe(summary.segments.total);
    const text = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', join(dir, 'master.m3u8')]);
    expect(text.stdout).toMatch(new RegExp(`^wrote 0 of ${summary.segments.total} segments \\(\\d+ with cues, \\d+ empty; ${summary.segments.total} already there, unchanged\\) and `, 'm'));
  });
});

describe('package: a master that already has English captions and vendor tags', () => {
  it('joins the captions group and leaves every other byte alone', async () => {
    const dir = copySample('vod-ts');
    const master = `#EXTM3U
## hand-edited by the CDN team
#EXT-X-VERSION:6
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-CDN-VENDOR:edge="kr-1",weight=3
#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,URI="captions/en.m3u8"
#EXT-X-STREAM-INF:BANDWIDTH=233200,RESOLUTION=426x240,CODECS="avc1.4d4015,mp4a.40.2",SUBTITLES="subs"
v360/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=123200,RESOLUTION=256x144,CODECS="avc1.4d400c,mp4a.40.2",SUBTITLES="subs"
v144/index.m3u8
#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=20000,URI="v360/index.m3u8"
`;
    writeFileSync(join(dir, 'master.m3u8'), master);
    const run = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', join(dir, 'master.m3u8'), '--rules', SAMPLE_RULES]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const after = readFileSync(join(dir, 'master.m3u8'), 'utf8').split('\n');
    const inserted =
      '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="chat_kor",LANGUAGE="ko",DEFAULT=NO,AUTOSELECT=NO,URI="subs/chat_kor/index.m3u8"';
    expect(after[6]).toBe(inserted);
    expect(after.filter((l) => l !== inserted)).toEqual(master.split('\n'));
    expect(run.stdout).toMatch(/drop-deleted\s+51\s+1\s+0/);
  });
});

describe('package --validate', () => {
  it('validates what it just wrote and passes on the sample', async () => {
    const dir = copySample('vod-ts');
    const run = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', join(dir, 'master.m3u8'), '--rules', SAMPLE_RULES, '--validate']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/validate: (no problems found|0 error\(s\))/);
  });

  it('writes a private-use --language in canonical form, and validate accepts it', async () => {
    const dir = copySample('vod-ts');
    const run = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', join(dir, 'master.m3u8'), '--language', 'X-Chat', '--validate']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'master.m3u8'), 'utf8')).toMatch(/^#EXT-X-MEDIA:TYPE=SUBTITLES,.*LANGUAGE="x-chat"/m);
  });
});

describe('package: a master that cannot take the rendition', () => {
  it('fails before writing anything when --default meets an existing DEFAULT=YES', async () => {
    const dir = copySample('vod-ts');
    const master = readFileSync(join(dir, 'master.m3u8'), 'utf8')
      .replace('#EXT-X-STREAM-INF:', '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,URI="en.m3u8"\n#EXT-X-STREAM-INF:')
      .replace(/(CODECS="[^"]*")\n/g, '$1,SUBTITLES="subs"\n');
    writeFileSync(join(dir, 'master.m3u8'), master);
    const before = snapshotTree(dir);
    const run = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', join(dir, 'master.m3u8'), '--default']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already has a DEFAULT=YES rendition \(NAME="English"\)/);
    expect(snapshotTree(dir)).toEqual(before);
  });
});

describe('package: an empty or cut-off archive says so', () => {
  it.each([
    ['empty', '', /the file is empty/],
    ['one brace', '{', /ends at byte 1 before its JSON is complete/],
  ])('%s', async (_name, content, message) => {
    const dir = copySample('vod-ts');
    const chat = join(dir, 'chat.json');
    writeFileSync(chat, content);
    const run = await runCli(['package', '--chat', chat, '--master', join(dir, 'master.m3u8')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });
});
