import { describe, expect, it } from 'vitest';
import { jsonParseError, locateJsonParseFailure } from '../../src/rules/json-parse-error.js';

/** The one line the CLI would print for JSON.parse's own error on `text`. */
async function errorLine(text: string): Promise<string> {
  try {
    JSON.parse(text);
  } catch (err) {
    return (await jsonParseError(err, text, 'r.json')).format();
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected by JSON.parse`);
}

describe('JSON syntax errors in a rules file', () => {
  it('name the line and column of an unexpected character, without quoting the source', async () => {
    // V8 says `Unexpected token '}', "{"rules":[}" is not valid JSON`: no position, the source quoted.
    expect(await errorLine('{"rules":[}')).toBe("r.json:1:11: not valid JSON: unexpected '}'");
    expect(await errorLine('{"rules":[1,]}')).toBe("r.json:1:13: not valid JSON: unexpected ']'");
  });

  it('keep the reason of a message that has a position, without the position', async () => {
    expect(await errorLine('{"a":1 "b":2}')).toBe("r.json:1:8: not valid JSON: expected ',' or '}' after property value");
    expect(await errorLine('{"rules":[]} x')).toMatch(/^r\.json:1:14: not valid JSON: unexpected (non-whitespace character|data) after/);
  });

  it('find the line of an error on line 3, whether lines end in LF, CRLF or CR', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['{', '  "rules": [', '    {"rule": "drop-deleted",}', '  ]', '}', ''].join(eol);
      expect(await errorLine(text), JSON.stringify(eol)).toBe('r.json:3:29: not valid JSON: expected double-quoted property name');
      const token = ['{', '  "rules": [', '    {"rule": "links", "action": drop}', '  ]', '}'].join(eol);
      expect(await errorLine(token), JSON.stringify(eol)).toBe("r.json:3:33: not valid JSON: unexpected 'drop'");
    }
  });

  it('count columns in characters: Hangul and emoji are one each', async () => {
    expect(await errorLine('{"words": ["씨발", "😀", x]}')).toBe("r.json:1:23: not valid JSON: unexpected 'x'");
    expect(await errorLine('{"words": ["씨발" "😀"]}')).toBe("r.json:1:17: not valid JSON: expected ',' or ']' after array element");
  });

  it('say the file is empty, or truncated, at its end', async () => {
    expect(await errorLine('')).toBe('r.json:1:1: not valid JSON: the file is empty');
    expect(await errorLine(' \n')).toBe('r.json:2:1: not valid JSON: the file is empty');
    expect(await errorLine('{"rules": [')).toBe('r.json:1:12: not valid JSON: unexpected end of input (the file looks truncated)');
  });

  it('stay on one line when the file is long or the character met is a control character', async () => {
    const long = `{"rules": [\n${'  {"rule": "drop-deleted"},\n'.repeat(200)}  {"rule": "links", "action": nuke}\n]}\n`;
    expect(await errorLine(long)).toBe("r.json:202:31: not valid JSON: unexpected 'nuke'");
    expect(await errorLine('[\u0001]')).toBe("r.json:1:2: not valid JSON: unexpected '\\u0001'");
  });
});

describe('locateJsonParseFailure', () => {
  it('reads the position of older and newer V8 messages', () => {
    expect(locateJsonParseFailure('Unexpected token } in JSON at position 10', '{"rules":[}')).toEqual({ reason: 'unexpected token }', offset: 10 });
    expect(locateJsonParseFailure("Expected ',' or '}' after property value in JSON at position 7 (line 1 column 8)", '{"a":1 "b":2}'))
      .toEqual({ reason: "expected ',' or '}' after property value", offset: 7 });
  });

  it('turns a position in UTF-16 units into a UTF-8 byte offset', () => {
    // 씨 is one UTF-16 unit and three bytes; 😀 is two units and four bytes.
    expect(locateJsonParseFailure('Unexpected string in JSON at position 6', '["씨😀" "x"]').offset).toBe(10);
  });

  it('gives no place, and no quoted source, when our reader finds nothing wrong', () => {
    expect(locateJsonParseFailure('Unexpected token \'x\', ..."a\nb"... is not valid JSON', '{"a": 1}')).toEqual({ reason: "unexpected token 'x'" });
  });
});
