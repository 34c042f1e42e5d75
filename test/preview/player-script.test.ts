import { describe, expect, test } from 'vitest';
import { playerHtml } from '../../src/preview/page/player-html.js';
import { playerScript } from '../../src/preview/page/player-script.js';

describe('player page assets', () => {
  const script = playerScript({ masterUrl: '/vod/master.m3u8', maxMessages: 50 });

  test('the script is valid JavaScript and calls the player with the config', () => {
    expect(() => new Function(script)).not.toThrow();
    expect(script).toContain('"masterUrl":"/vod/master.m3u8","maxMessages":50');
    expect(script).toContain('Hls: window.Hls');
  });

  test('the shipped functions reference no module bindings (no imports survive toString)', () => {
    expect(script).not.toMatch(/__vite_ssr|\brequire\(|\bimport\b|__name\(|exports\./);
  });

  test('the page escapes the title it shows and loads only local assets', () => {
    const html = playerHtml({ title: 'a/<script>"x".m3u8', assetBase: '/__chat-replay/' });
    expect(html).not.toContain('<script>"x"');
    expect(html).toContain('a/&#60;script&#62;&#34;x&#34;.m3u8');
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual(['data:,', '/__chat-replay/player.css', '/__chat-replay/hls.min.js', '/__chat-replay/player.js']);
  });
});
