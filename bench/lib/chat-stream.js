import { createRng } from './rng.js';

/**
 * The synthetic broadcast behind every generated archive: one seeded stream of messages that the
 * TwitchDownloader, native and WebVTT writers each serialise, so all shapes carry the same chat.
 * A busy chat: about 28 messages a second, so 1 M messages fill a 10-hour video.
 */
export const MESSAGES_PER_SECOND = 1_000_000 / 36_000;

/** Video length for n messages; the chat spreads over 97 % of it, so few messages fall past the end. */
export function videoSecondsFor(n) {
  return Math.max(60, Math.ceil(n / MESSAGES_PER_SECOND));
}

const KOREAN = ['안녕하세요', 'ㅋㅋㅋㅋㅋㅋ', '오늘도 왔어요', '와 대박', '이거 실화냐', '방송 재밌어요', '헐', '굿굿', '형 이거 어떻게 해요?', '다음 판 가즈아', 'ㄹㅇ', '에이스!!', '감사합니다'];
const ENGLISH = ['lol', 'hello from Brazil', 'GG', 'that was insane', 'W streamer', 'first time here, love the vibe', 'LUL', 'can you play the next map?', 'nice shot', 'pog', 'what rank is this', 'clip it!'];
/** The characters an escaper must get right: markup, arrows, entities, emoji outside the BMP. */
const TRICKY = ['<b>not bold</b>', 'a --> b', 'Tom & Jerry', '&amp; stays literal', '👋', '❤️', '🔥🔥🔥', '😂', 'x < y > z'];
const EMOTES = ['Kappa', 'PogChamp', 'LUL', 'KEKW', 'monkaS', 'catJAM'];
const BADGE_SETS = [[], [], [], [['subscriber', '6']], [['subscriber', '12'], ['premium', '1']], [['vip', '1']], [['moderator', '1']], [['subscriber', '3'], ['bits', '100']]];
const COLORS = ['#FF69B4', '#9146FF', '#00FF7F', '#1E90FF', '#DAA520', '#FF4500', '#2E8B57', null];

function makeUsers(seed, count) {
  const rng = createRng(seed ^ 0x5eed);
  const users = [];
  const syllables = ['민', '지', '수', '하', '늘', '소', '라', '준', '서', '연', '결', '한'];
  for (let i = 0; i < count; i++) {
    const login = `viewer_${i.toString(36)}_${rng.hex(3)}`;
    const korean = rng.next() < 0.5;
    const displayName = korean ? Array.from({ length: 2 + rng.int(3) }, () => rng.pick(syllables)).join('') : login.replace(/^viewer/, 'Viewer');
    users.push({
      id: String(100_000_000 + rng.int(800_000_000)),
      login,
      displayName,
      color: rng.pick(COLORS),
      badges: rng.pick(BADGE_SETS),
      // TwitchDownloader backfills bio, dates and logo per user (ChatDownloader.cs BackfillUserInfo); when that
      // fails they stay at their defaults. The mix gives roughly the size of a real export's comment.
      ...(rng.next() < 0.3
        ? {
            createdAt: `20${10 + rng.int(15)}-0${1 + rng.int(9)}-1${rng.int(10)}T0${rng.int(10)}:${10 + rng.int(50)}:${10 + rng.int(50)}.${String(rng.int(1e6)).padStart(6, '0')}Z`,
            updatedAt: '2026-11-01T08:30:12.055181Z',
            bio: rng.next() < 0.2 ? `${rng.pick(KOREAN)} | ${rng.pick(ENGLISH)}` : null,
            logo: `https://static-cdn.jtvnw.net/jtv_user_pictures/${rng.uuid()}-profile_image-70x70.png`,
          }
        : { createdAt: '0001-01-01T00:00:00', updatedAt: '0001-01-01T00:00:00', bio: null, logo: null }),
    });
  }
  return users;
}

function makeText(rng) {
  const r = rng.next();
  const parts = [];
  const count = 1 + rng.int(3);
  for (let i = 0; i < count; i++) {
    if (r < 0.45) parts.push(rng.pick(KOREAN));
    else if (r < 0.85) parts.push(rng.pick(ENGLISH));
    else if (r < 0.95) parts.push(rng.pick(EMOTES));
    else parts.push(rng.pick(TRICKY));
  }
  return parts.join(' ');
}

/**
 * Yields n messages in time order: { id, timeMs, user, text, bits }. Arrivals are exponential gaps
 * whose mean drifts every few hundred messages (quiet stretches and hype bursts), rounded to whole
 * seconds as TwitchDownloader writes them, so many messages share a timestamp.
 */
export function* chatMessages(n, seed) {
  const rng = createRng(seed);
  const users = makeUsers(seed, Math.max(50, Math.min(20_000, Math.ceil(n / 50))));
  const meanGapMs = (videoSecondsFor(n) * 1000 * 0.97) / n;
  let t = 0;
  let mood = 1;
  for (let i = 0; i < n; i++) {
    if (i % 400 === 0) mood = 0.3 + rng.next() * 1.4;
    t += rng.exp(meanGapMs * mood);
    const user = users[Math.floor(Math.pow(rng.next(), 2) * users.length)]; // a few regulars talk most
    const bits = rng.next() < 0.003 ? 100 * (1 + rng.int(10)) : 0;
    yield { id: rng.uuid(), timeMs: Math.floor(t / 1000) * 1000, user, text: bits ? `Cheer${bits} ${makeText(rng)}` : makeText(rng), bits };
  }
}
