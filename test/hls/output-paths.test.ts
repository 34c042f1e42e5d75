import { describe, expect, it } from 'vitest';
import { resolveOutputDir } from '../../src/hls/output-paths.js';

describe('resolveOutputDir', () => {
  it('resolves --out under the master folder and percent-encodes the URI', () => {
    expect(resolveOutputDir('/vod', 'subs/chat kor', false)).toEqual({ dir: '/vod/subs/chat kor', uriFromMaster: 'subs/chat%20kor' });
    expect(resolveOutputDir('/vod', 'subs/채팅', false).uriFromMaster).toBe('subs/%EC%B1%84%ED%8C%85');
  });

  it('refuses to leave the master folder unless allowed', () => {
    expect(() => resolveOutputDir('/vod', '../elsewhere', false)).toThrow(/outside the master's folder/);
    expect(() => resolveOutputDir('/vod', '/tmp/x', false)).toThrow(/outside/);
    expect(resolveOutputDir('/vod', '../elsewhere', true).uriFromMaster).toBe('../elsewhere');
    expect(() => resolveOutputDir('/vod', '.', false)).toThrow(/sub-folder/);
  });
});
