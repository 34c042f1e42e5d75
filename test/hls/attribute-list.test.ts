import { describe, expect, it } from 'vitest';
import { attributeListSyntaxError, attributeValue, parseAttributeList, serializeAttributeList, setAttribute } from '../../src/hls/attribute-list.js';

describe('attribute lists', () => {
  const text = 'BANDWIDTH=233200,CODECS="avc1.4d4015,mp4a.40.2",RESOLUTION=426x240,SUBTITLES="chat"';

  it('splits on commas outside quotes and keeps raw values in order', () => {
    const attrs = parseAttributeList(text);
    expect(attrs.map((a) => a.name)).toEqual(['BANDWIDTH', 'CODECS', 'RESOLUTION', 'SUBTITLES']);
    expect(attributeValue(attrs, 'CODECS')).toBe('avc1.4d4015,mp4a.40.2');
    expect(serializeAttributeList(attrs)).toBe(text);
    expect(serializeAttributeList(setAttribute(attrs, 'SUBTITLES', '"subs"'))).toBe(text.replace('"chat"', '"subs"'));
  });

  it('accepts well-formed lists and names what is wrong in the others', () => {
    expect(attributeListSyntaxError(text)).toBeUndefined();
    expect(attributeListSyntaxError('TYPE=SUBTITLES,NAME="chat "kor""')).toMatch(/is not NAME=value/);
    expect(attributeListSyntaxError('TYPE=SUBTITLES,NAME="chat_kor')).toMatch(/unterminated quoted-string/);
    expect(attributeListSyntaxError('TYPE=SUBTITLES,')).toMatch(/ends with a comma/);
    expect(attributeListSyntaxError('type=SUBTITLES')).toMatch(/is not NAME=value/);
  });
});
