#!/usr/bin/env bash
# Recipe for the committed sample VODs (needs ffmpeg; Debian bookworm's 5.1 was used).
# The outputs are committed, so nobody needs ffmpeg to run the tests or the demo.
set -euo pipefail
cd "$(dirname "$0")"

# MPEG-TS VOD: 40 s, two variants (426x240 and 256x144) each with AAC audio, 6 s segments (last 4 s),
# 2 B-frames so the first video PTS (133200) differs from the first DTS (126000); audio starts at 131280.
rm -rf vod-ts/v360 vod-ts/v144 vod-ts/master.m3u8
mkdir -p vod-ts
(cd vod-ts && ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc=size=426x240:rate=25" -f lavfi -i "sine=frequency=440:sample_rate=48000" -t 40 \
  -filter_complex "[0:v]format=yuv420p,split=2[v1][v2];[v2]scale=256:144[v2o]" \
  -map "[v1]" -map "[v2o]" -map 1:a -map 1:a \
  -c:v libx264 -profile:v main -preset veryfast -g 50 -keyint_min 50 -sc_threshold 0 -bf 2 \
  -b:v:0 180k -maxrate:v:0 220k -bufsize:v:0 360k -b:v:1 80k -maxrate:v:1 100k -bufsize:v:1 160k \
  -c:a aac -b:a 32k -ac 1 \
  -f hls -hls_time 6 -hls_playlist_type vod -hls_flags independent_segments \
  -hls_segment_filename "v%v/seg_%03d.ts" -master_pl_name master.m3u8 \
  -var_stream_map "v:0,a:0,name:360 v:1,a:1,name:144" "v%v/index.m3u8")

# fMP4/CMAF VOD: 30 s, two variants (426x240 and 256x144) each with AAC audio, 6 s segments,
# `-hls_segment_type fmp4` (one init segment per variant, EXT-X-MAP). ffmpeg's mp4 muxer starts every
# track's tfdt at 0 (video timescale 12800, audio 48000) and puts the B-frame reorder delay in the
# composition offsets, so the origin hls.js uses is 0 while the first video PTS is 1024/12800 = 80 ms.
# x264 runs single-threaded in this and the next section so the bytes do not depend on the machine.
rm -rf vod-fmp4/v360 vod-fmp4/v144 vod-fmp4/master.m3u8
mkdir -p vod-fmp4
(cd vod-fmp4 && ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc=size=426x240:rate=25" -f lavfi -i "sine=frequency=440:sample_rate=48000" -t 30 \
  -filter_complex "[0:v]format=yuv420p,split=2[v1][v2];[v2]scale=256:144[v2o]" \
  -map "[v1]" -map "[v2o]" -map 1:a -map 1:a \
  -c:v libx264 -threads 1 -profile:v main -preset veryfast -g 50 -keyint_min 50 -sc_threshold 0 -bf 2 \
  -b:v:0 150k -maxrate:v:0 180k -bufsize:v:0 300k -b:v:1 60k -maxrate:v:1 80k -bufsize:v:1 120k \
  -c:a aac -b:a 32k -ac 1 \
  -f hls -hls_time 6 -hls_playlist_type vod -hls_flags independent_segments \
  -hls_segment_type fmp4 -hls_fmp4_init_filename init.mp4 \
  -hls_segment_filename "v%v/seg_%03d.m4s" -master_pl_name master.m3u8 \
  -var_stream_map "v:0,a:0,name:360 v:1,a:1,name:144" "v%v/index.m3u8")

# MPEG-TS VOD with a discontinuity: two separately encoded parts joined by EXT-X-DISCONTINUITY, as an
# encoder restart leaves them in a live archive. Part A (12 s, 426x240) keeps ffmpeg's default 1.4 s
# mux delay; part B (10 s, a different picture and tone) is shifted by -output_ts_offset 100, so its
# timestamps restart near 101.4 s and its origin differs from part A's. ffmpeg writes each part's own
# playlist; the joined playlist is written by hand below, with EXT-X-PROGRAM-DATE-TIME on every segment:
# part A starts at the sample chat's broadcast.startedAt (19:00:00Z) and part B 30 s of wall clock
# after part A ends, as after a restart.
rm -rf vod-discontinuity
mkdir -p vod-discontinuity/v240
encode_discontinuity_part() { # $1 = segment prefix, $2 = video source, $3 = tone Hz, $4 = seconds, $5.. = extra output options
  local prefix=$1 source=$2 tone=$3 seconds=$4; shift 4
  (cd vod-discontinuity/v240 && ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "$source" -f lavfi -i "sine=frequency=$tone:sample_rate=48000" -t "$seconds" \
    -map 0:v -map 1:a -vf format=yuv420p \
    -c:v libx264 -threads 1 -profile:v main -preset veryfast -g 50 -keyint_min 50 -sc_threshold 0 -bf 2 \
    -b:v 150k -maxrate 180k -bufsize 300k -c:a aac -b:a 32k -ac 1 "$@" \
    -f hls -hls_time 6 -hls_playlist_type vod -hls_segment_filename "${prefix}_%03d.ts" "${prefix}.m3u8" \
    && rm "${prefix}.m3u8")
}
encode_discontinuity_part a "testsrc=size=426x240:rate=25" 440 12
encode_discontinuity_part b "testsrc2=size=426x240:rate=25" 660 10 -output_ts_offset 100
cat > vod-discontinuity/v240/index.m3u8 <<'M3U8'
#EXTM3U
#EXT-X-VERSION:3
#EXT-X-TARGETDURATION:6
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-PLAYLIST-TYPE:VOD
#EXT-X-PROGRAM-DATE-TIME:2026-11-21T19:00:00.000Z
#EXTINF:6.000000,
a_000.ts
#EXT-X-PROGRAM-DATE-TIME:2026-11-21T19:00:06.000Z
#EXTINF:6.000000,
a_001.ts
#EXT-X-DISCONTINUITY
#EXT-X-PROGRAM-DATE-TIME:2026-11-21T19:00:42.000Z
#EXTINF:6.000000,
b_000.ts
#EXT-X-PROGRAM-DATE-TIME:2026-11-21T19:00:48.000Z
#EXTINF:4.000000,
b_001.ts
#EXT-X-ENDLIST
M3U8
cat > vod-discontinuity/master.m3u8 <<'M3U8'
#EXTM3U
#EXT-X-VERSION:3
#EXT-X-STREAM-INF:BANDWIDTH=233200,RESOLUTION=426x240,CODECS="avc1.4d4015,mp4a.40.2"
v240/index.m3u8
M3U8
