import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MASTER = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-STREAM-INF:BANDWIDTH=2500000,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2"
v720/index.m3u8
`;

/**
 * A video playlist of the given length cut into segmentSeconds segments (the last one shorter),
 * with a master that has one variant. No media files: the bench always passes --mpegts, so nothing
 * is probed. Rewritten before every run so each run patches a pristine master, as a first run would.
 */
export function writeSyntheticVideo(dir, seconds, segmentSeconds) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'v720'), { recursive: true });
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', `#EXT-X-TARGETDURATION:${segmentSeconds}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-INDEPENDENT-SEGMENTS'];
  const count = Math.ceil(seconds / segmentSeconds);
  for (let i = 0; i < count; i++) {
    const duration = Math.min(segmentSeconds, seconds - i * segmentSeconds);
    lines.push(`#EXTINF:${duration.toFixed(6)},`, `seg_${String(i).padStart(5, '0')}.ts`);
  }
  lines.push('#EXT-X-ENDLIST', '');
  writeFileSync(join(dir, 'v720', 'index.m3u8'), lines.join('\n'));
  writeFileSync(join(dir, 'master.m3u8'), MASTER);
  return { master: join(dir, 'master.m3u8'), segments: count };
}
