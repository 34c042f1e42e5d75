/**
 * Whole-word matching that also works for Korean.
 *
 * A match must not be preceded by a letter, digit or combining mark, and must not be followed by
 * one either — except for what Korean attaches to a word: an optional plural/honorific (들, 님),
 * then an optional particle (조사: 은/는/이/가/을/를/의/에/에서/야/아/도/만/...), then optional
 * jamo laughter or crying (ㅋㅋ, ㅎㅎ, ㅠㅠ). So the banned word `바보` matches `바보`, `바보야`,
 * `바보들은`, `바보ㅋㅋ`, but not `바보온달` (another word) and `개` never matches `개발`. Particles
 * are Hangul, so this changes nothing for other scripts, but English nouns used in Korean chat
 * (`noob이네`) are caught too. Only the word itself is masked; the particle stays (`**야`).
 *
 * JavaScript's `\b` is ASCII-only, which is why the boundaries are Unicode lookarounds.
 */
const WORD_CHAR = String.raw`[\p{L}\p{N}\p{M}_]`;

const HONORIFIC_OR_PLURAL = ['들', '님'];
const PARTICLES = [
  '이', '가', '은', '는', '을', '를', '의', '에', '에서', '에게', '께', '한테', '로', '으로', '와', '과',
  '도', '만', '랑', '이랑', '아', '야', '이야', '요', '이요', '나', '이나', '처럼', '보다', '까지', '부터',
  '라고', '이라고', '이네', '네', '이다', '다', '임', '이냐', '냐',
];
// Hangul compatibility jamo (ㄱ..ㆎ): chat laughter/crying written after a word.
const JAMO_RUN = '[\\u3131-\\u318E]*';

const alternation = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).join('|');

const BEFORE = `(?<!${WORD_CHAR})`;
const AFTER = `(?=(?:${alternation(HONORIFIC_OR_PLURAL)})?(?:${alternation(PARTICLES)})?${JAMO_RUN}(?!${WORD_CHAR}))`;

/** Escapes a literal word for use inside a `u`-flag regex (where `\-` would be a syntax error). */
export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Wraps a regex source so it only matches as a whole word, in the sense described above. */
export function wholeWordSource(source: string): string {
  return `${BEFORE}(?:${source})${AFTER}`;
}
