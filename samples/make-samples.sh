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
