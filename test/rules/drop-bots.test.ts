import { describe, expect, it } from 'vitest';
import { texts, msg, runRule } from './helpers.js';

const from = (name: string, text = `hello from ${name}`) => msg(text, { author: { name } });

describe('drop-bots', () => {
  it('drops the known bots, case-insensitively', async () => {
    const { out, report } = await runRule('drop-bots', {}, [
      from('Nightbot'),
      from('streamelements'),
      from('STREAMLABS'),
      from('Moobot'),
      from('Fossabot'),
      from('Wizebot'),
      from('Botisimo'),
      from('human'),
    ]);
    expect(texts(out)).toEqual(['hello from human']);
    expect(report.dropped).toBe(7);
  });

  it('adds names with add and spares known bots listed in keep', async () => {
    const { out } = await runRule('drop-bots', { add: ['ChannelBot'], keep: ['nightbot'] }, [
      from('channelbot'),
      from('Nightbot'),
      from('Moobot'),
    ]);
    expect(texts(out)).toEqual(['hello from Nightbot']);
  });

  it('drops !commands only with commands: true', async () => {
    const input = [from('v', '!uptime'), from('v', '  !so @friend'), from('v', '!!! wow'), from('v', '! hi')];
    expect(texts((await runRule('drop-bots', {}, input)).out)).toHaveLength(4);
    expect(texts((await runRule('drop-bots', { commands: true }, input)).out)).toEqual(['!!! wow', '! hi']);
  });
});
