import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const NAMES = ['한결', '민지', 'NightOwlGG', '소라하늘', 'pepega_enjoyer', '재현', '당근당근', 'code_monkey_77'];
const BODIES = [
  'first time catching the stream live KonCha',
  '방송 시작합니다! 다들 안녕하세요 \\uD83D\\uDC4B',
  'in VTT a cue line like 00:01.000 --> 00:02.000 would break naive parsers lol',
  '<b>bold?</b> nope, just text & stuff &amp; <i>more</i>',
  'ㅋㅋㅋㅋㅋㅋㅋㅋ',
  'LUL LUL',
  'again Pog \\uDB40\\uDC00',
  'Kappa Kappa Kappa',
];

/** One comment as TwitchDownloader writes it (compact, RelaxedJsonEscaping), about 640 bytes. */
function comment(i: number): string {
  const user = i % 4999;
  if (i % 1000 === 999) {
    return `{"_id":"00000000-0000-4000-8000-${String(i).padStart(12, '0')}","created_at":"2025-03-14T11:00:08.87Z","channel_id":"123456789","content_type":"video","content_id":"2401337421","content_offset_seconds":${Math.floor(i / 20)},"commenter":null,"message":{"body":"spam","bits_spent":0,"fragments":[{"text":"spam","emoticon":null}],"user_badges":[],"user_color":null,"emoticons":[]}}`;
  }
  const name = `${NAMES[user % NAMES.length]}${user}`;
  const body = BODIES[i % BODIES.length]!;
  const badges = user % 3 === 0 ? '[{"_id":"subscriber","version":"6"},{"_id":"premium","version":"1"}]' : '[]';
  return (
    `{"_id":"5ba68dd7-a280-4d1d-9057-${String(i).padStart(12, '0')}","created_at":"2025-03-14T11:00:08.87Z","channel_id":"123456789",` +
    `"content_type":"video","content_id":"2401337421","content_offset_seconds":${Math.floor(i / 20)},` +
    `"commenter":{"display_name":"${name}","_id":"${755120944 + user}","name":"user_${user}","bio":null,"created_at":"2016-05-11T16:04:04.755536Z",` +
    `"updated_at":"2025-02-11T08:30:12.344176Z","logo":"https://static-cdn.jtvnw.net/jtv_user_pictures/0247a982-1111-2222-3333-profile_image-70x70.png"},` +
    `"message":{"body":"${body}","bits_spent":0,"fragments":[{"text":"${body}","emoticon":null}],"user_badges":${badges},"user_color":"#1E90FF","emoticons":[]}}`
  );
}

/** Comments with a commenter among the first `count` (every 1000th is a deleted account). */
export function expectedMessages(count: number): number {
  return count - Math.floor(count / 1000);
}

/**
 * Writes a TwitchDownloader-shaped archive of `count` comments to `file` by streaming writes, with
 * an `embeddedData` block after the comments as `-E` downloads have. Returns the size in bytes.
 */
export async function writeTwitchArchive(file: string, count: number, embeddedBytes = 4 << 20): Promise<number> {
  const out = createWriteStream(file);
  let size = 0;
  const write = async (text: string) => {
    size += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    '{"FileInfo":{"Version":{"Major":1,"Minor":4,"Patch":0},"CreatedAt":"2025-03-15T02:11:45.8123456+09:00","UpdatedAt":"0001-01-01T00:00:00"},' +
      '"streamer":{"name":"한결","login":"hangyeol_tv","id":123456789},"clipper":null,' +
      '"video":{"title":"long stream","id":"2401337421","created_at":"2025-03-14T11:00:03Z","start":0,"end":99999,"length":99999},"comments":[',
  );
  const perWrite = 2000;
  for (let i = 0; i < count; i += perWrite) {
    const parts: string[] = [];
    for (let k = i; k < Math.min(count, i + perWrite); k++) parts.push(comment(k));
    await write((i ? ',' : '') + parts.join(','));
  }
  await write(`],"embeddedData":{"thirdParty":[{"id":"1","name":"Pog","data":"${'QUJD'.repeat(embeddedBytes / 4)}"}],"twitchBadges":[]}}`);
  out.end();
  await once(out, 'finish');
  return size;
}
