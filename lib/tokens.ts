const LATIN_CHARS_PER_TOKEN = 4;

/**
 * A conservative token count for text no tokenizer has seen: every estimate of input or output size (spend
 * reservations, usage a provider did not report, live counts) goes through here.
 *
 * Latin-script text runs about four characters a token, but CJK, Hangul, Kana, most other scripts and emoji run
 * about one token a character (often more), so counting everything at four a character would reserve a quarter of
 * what such a conversation costs. Characters up to U+024F (Basic Latin through Latin Extended-B) count a quarter
 * token; any other character, a whole one (a surrogate pair, one emoji, counts once).
 */
export function estimateTokens(text: string): number {
  let latin = 0;
  let other = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x250) {
      latin += 1;
    } else {
      other += 1;
      // A high surrogate and the low one after it are one character.
      if (code >= 0xd800 && code <= 0xdbff) index += 1;
    }
  }
  return Math.ceil(latin / LATIN_CHARS_PER_TOKEN) + other;
}

/**
 * The tokens of a text known only by its length (an answer not written yet, sized from its token allowance), at the
 * Latin rate `estimateTokens` uses: the length already carries any other script's extra weight.
 */
export function estimateTokensOfLength(chars: number): number {
  return Math.ceil(chars / LATIN_CHARS_PER_TOKEN);
}
