/** The shape of answer a question calls for, as a reader would guess it from the wording. */
export type AnswerKind = 'greeting' | 'code' | 'table' | 'steps' | 'list' | 'explanation';

/** Languages the simulator can write a code block in; the fence's info string is the value. */
export type CodeLanguage = 'python' | 'javascript' | 'typescript' | 'sql' | 'rust' | 'go' | 'bash';

/** What the simulator reads of the latest user message so that its answer is about that question. */
export interface Question {
  kind: AnswerKind;
  /** A short phrase for what the question is about ("tides", "monolith and microservices", "why the sky is blue"). */
  subject: string;
  /** What the asker wants to do, as a verb phrase ("set up a Rust project"), when the question says. */
  action: string | undefined;
  /** Words for naming a function after the request ("reverse", "linked", "list"), lower case, at most four. */
  nameWords: string[];
  /** The things a comparison puts side by side, two or three when the question names them. */
  items: string[];
  /** How many points the question asks for ("three tips"), when it says. */
  count: number | undefined;
  language: CodeLanguage;
  /** A code question that also asks for a table ("compare them in a table, with a code example"). */
  withTable: boolean;
}

const LANGUAGE_PATTERNS: Array<[CodeLanguage, RegExp]> = [
  ['typescript', /\b(typescript|ts|tsx|deno)\b/],
  ['javascript', /\b(javascript|js|node(\.js)?|react|jsx|npm)\b/],
  ['sql', /\b(sql|postgres(ql)?|mysql|sqlite|select|query|queries|database table)\b/],
  ['rust', /\b(rust|cargo)\b/],
  ['go', /\b(golang|in go|go (code|function|program|routine))\b/],
  ['bash', /\b(bash|shell|zsh|command[- ]line|terminal|cron|one-liner)\b/],
  ['python', /\b(python|py|pandas|django|flask)\b/],
];

const KIND_PATTERNS: Array<[Exclude<AnswerKind, 'explanation'>, RegExp]> = [
  ['greeting', /^\s*(hi|hello|hey|good (morning|afternoon|evening)|greetings)\b[\s\S]{0,20}$/],
  [
    'code',
    /\b(code|function|script|snippet|implement|program|regex|class|method|algorithm|one-liner)\b|\bsql\b|\bwrite (a|an|some) (\w+ )?query\b/,
  ],
  [
    'table',
    /\b(table|tabular|compare|comparing|comparison|versus|vs\.?|pros and cons|differences? between|trade-?offs? between|choose between)\b/,
  ],
  [
    'steps',
    /\b(steps?|step-by-step|how (do|can|should) (i|we)|how to|guide|walk me through|instructions?|set ?up|install|procedure|process for)\b/,
  ],
  [
    'list',
    /\b(list|ideas?|tips?|ways|examples?|options|reasons|suggest(ions)?|recommend(ations)?|brainstorm|name (a few|some|\w+))\b/,
  ],
];

const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 };

const LEADING_PHRASES = [
  /^(please\s+)?(can|could|would|will) you\s+(please\s+)?/,
  /^please\s+/,
  /^(i|we)\s+(need|want|would like|'d like)\s+(you\s+)?(to\s+)?/,
  /^(tell|show|give|teach) (me|us)\s+(about\s+)?/,
  /^(explain|describe|list|write|create|make|build|generate|suggest|compare|summari[sz]e|outline|draft|recommend|name)\s+/,
  /^(what|which|who|why|how|when|where)('s|\s+(is|are|was|were|do|does|did|can|could|should|would|makes?|causes?|to))?\s+/,
  /^(i|we|you)\s+/,
  /^(is|are|does|do|can|should|will|would|could)\s+/,
  /^me\s+/,
  /^((a|an|the|some)\s+)?(short |quick |simple |small |detailed |brief )?(\w+ )?(table|list|function|script|snippet|program|code|steps|guide|overview|explanation|summary|comparison|query)\s+(of|for|that|to|on|about|which|comparing|showing|in \w+ that)\s+/,
  /^(steps|how)\s+to\s+/,
  /^((two|three|four|five|six|seven|a few|some|\d+)\s+)?(\w+\s+)?(ideas|tips|ways|examples|reasons|options|suggestions|names|steps)\s+(for|of|about|on|to)\s+/,
];

const VERBS = new Set(
  (
    'add back bake build calculate change check choose clean compute configure connect convert cook count create debug ' +
    'delete deploy design find fix generate get group grow handle host improve install invest keep learn list load make ' +
    'manage measure merge migrate monitor move organize parse pick plan prepare read reduce remove rename reverse run ' +
    'save scale secure send set sort speed split start stop store study teach test train turn upgrade use validate write'
  ).split(' '),
);

const ASIDE = /\s*,\s*(?:(?:with|in|as|using)\s+(?:(?:a|an|some|one)\s+)?\w+|briefly|simply|please|in short)\s*,\s*/gi;

const PARTICLES = /^(up|out|off|down|in|on|over|away|back)\s+/i;
const CLAUSE_END = /\s+(to|for|in|on|with|by|from|at|using|without|that|which|so|because|when|if|while)(\s+.*)?$/i;

const TRAILING_WORDS =
  /\s+(is|are|work|works|working|mean|means|do|does|happen|happens|matter|matters|in (\w+ )?detail|please|exactly|for me|for us)$/;

const STOPWORDS = new Set(
  (
    'about above after again against also among because been before being below between both could does doing down during each ' +
    'every from further have having here into itself just like make makes more most much must other over same should some ' +
    'such than that their them then there these they this those through under until very what when where which while whom ' +
    'whose will with within without would your yours please explain describe write tell show give list using good best ' +
    'really thing things need want know help compare table steps step code function script simple short quick example ' +
    'work works working number name names summarize blind question answer answers two three four five six seven'
  ).split(' '),
);

const NAME_FILLERS = new Set('a an the my our your some to by for of in on with from and or that this'.split(' '));

const SUBJECT_WORDS = 6;
const ITEM_WORDS = 3;

/** Reads the kind of answer, its subject, the things compared and the code language off a question, the same way every time. */
export function readQuestion(text: string | undefined): Question {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  const kinds = KIND_PATTERNS.filter(([, pattern]) => pattern.test(lower)).map(([kind]) => kind);
  const kind = kinds[0] ?? 'explanation';
  const keywords = keywordsOf(lower);
  const sentence = firstQuestion(flat);
  const items = comparedItems(sentence);
  const phrase = phraseOf(sentence);
  const verbLed = phrase !== '' && VERBS.has(baseForm(phrase.split(' ')[0] ?? ''));
  const subject = items.length > 0 ? joinItems(items) : (whyClause(sentence) ?? subjectOf(phrase, verbLed, keywords));
  return {
    kind: flat === '' ? 'explanation' : kind,
    subject,
    action: verbLed ? actionOf(phrase) : undefined,
    nameWords:
      items.length > 0 ? comparisonNameWords(phrase, items) : nameWordsOf(verbLed ? actionOf(phrase) : subject),
    items,
    count: requestedCount(lower),
    language: LANGUAGE_PATTERNS.find(([, pattern]) => pattern.test(lower))?.[0] ?? 'python',
    withTable: kind === 'code' && kinds.includes('table'),
  };
}

/** The sentence (or the clause after a colon) holding the question mark, or else the first sentence. */
function firstQuestion(text: string): string {
  const sentences = text.split(/(?<=[.?!:])\s+/);
  return sentences.find((sentence) => sentence.includes('?')) ?? sentences[0] ?? '';
}

/** The question with its asking words taken off: "How do I deploy an app?" gives "deploy an app". */
function phraseOf(sentence: string): string {
  // Asides between commas say how to answer, not what about: "Explain, with a list, how tides work".
  let phrase = sentence
    .replace(/[?.!:;]+$/, '')
    .replace(ASIDE, ' ')
    .trim();
  for (let pass = 0; pass < 3; pass += 1) {
    for (const leading of LEADING_PHRASES) phrase = phrase.replace(new RegExp(leading.source, 'i'), '');
  }
  phrase = phrase.replace(new RegExp(TRAILING_WORDS.source, 'i'), '');
  // Words keep their case, except a capital that only started the sentence.
  return sentence.startsWith(phrase) ? lowerFirst(phrase) : phrase;
}

/** "Why is the sky blue?" is about "why the sky is blue": the question turned into a clause that reads in a sentence. */
function whyClause(sentence: string): string | undefined {
  const match = /^why (is|are) ((?:the |a |an )?\S+) (.+?)[?.!]*$/i.exec(sentence.trim());
  if (!match) return undefined;
  const [, verb = '', noun = '', rest = ''] = match;
  const clause = `why ${noun} ${verb.toLowerCase()} ${rest}`;
  return clause.split(' ').length <= SUBJECT_WORDS + 2 ? clause : undefined;
}

function subjectOf(phrase: string, verbLed: boolean, keywords: string[]): string {
  let subject = phrase;
  if (verbLed) subject = subject.replace(/^\S+\s+/, '').replace(PARTICLES, '');
  if (/^(this|it|that)\b/i.test(subject)) return 'this approach';
  subject = subject
    .replace(/^(my|our)\s+/i, 'your ')
    .replace(CLAUSE_END, '')
    .replace(new RegExp(TRAILING_WORDS.source, 'i'), '');
  const words = subject.split(' ').filter(Boolean);
  if (words.length === 0) return keywords[0] ?? 'this question';
  return words.length > SUBJECT_WORDS ? words.slice(-4).join(' ') : subject;
}

function baseForm(word: string): string {
  const lower = word.toLowerCase();
  if (VERBS.has(lower)) return lower;
  if (lower.endsWith('es') && VERBS.has(lower.slice(0, -2))) return lower.slice(0, -2);
  return lower.endsWith('s') ? lower.slice(0, -1) : lower;
}

/** The phrase as an instruction: its verb in the base form ("reverses a list" gives "reverse a list"), at most 8 words. */
function actionOf(phrase: string): string {
  const [verb = '', ...rest] = phrase.split(' ');
  return [baseForm(verb), ...rest].slice(0, 8).join(' ');
}

function nameWordsOf(phrase: string, skip: ReadonlySet<string> = new Set()): string[] {
  return wordsOf(phrase)
    .filter((word) => !NAME_FILLERS.has(word) && !skip.has(word))
    .slice(0, 4);
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+/g) ?? [];
}

/** Words that ask for a comparison or for code, not what the code is about. */
const COMPARISON_WORDS = new Set(
  'compare comparing comparison versus vs use choose pick learn prefer between code example examples snippet show write function'.split(
    ' ',
  ),
);

/**
 * A comparison's code is named after what the question wants done with the things compared ("Compare Python and
 * Rust for parsing logs" gives `parsing_logs`), never after the things themselves (`python_rust`).
 */
function comparisonNameWords(phrase: string, items: string[]): string[] {
  const named = nameWordsOf(phrase, new Set([...COMPARISON_WORDS, ...items.flatMap(wordsOf)]));
  return named.length > 0 ? named : ['example'];
}

function joinItems(items: string[]): string {
  return items.length > 2 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items.join(' and ');
}

function comparedItems(sentence: string): string[] {
  const patterns = [
    /between (.+?) and (.+?)(?:\s+(?:for|when|in|on|if|as)\b|[?.!,]|$)/i,
    /compare (.+?) (?:and|with|to|vs\.?|versus) (.+?)(?:\s+(?:for|when|in|on|if|as)\b|[?.!,]|$)/i,
    /(\S+(?: \S+)?) (?:vs\.?|versus) (\S+(?: \S+)?)/i,
    /(?:use|choose|pick|learn|prefer) (.+?) or (.+?)(?:\s+(?:for|when|in|on|if|as)\b|[?.!,]|$)/i,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(sentence);
    if (!match) continue;
    const items = [match[1], match[2]]
      .flatMap((item) => (item ?? '').split(/,\s*/))
      .map(cleanItem)
      .filter((item) => item !== '');
    if (items.length >= 2) return [...new Set(items)].slice(0, 3);
  }
  return [];
}

function cleanItem(item: string): string {
  const words = item
    .replace(/^(a|an|the|using|to use)\s+/i, '')
    .replace(CLAUSE_END, '')
    .split(' ')
    .filter(Boolean);
  return words.slice(0, ITEM_WORDS).join(' ');
}

function keywordsOf(lower: string): string[] {
  const words = lower.match(/[a-z][a-z0-9+#-]*[a-z0-9+#]/g) ?? [];
  const keywords = words.filter((word) => word.length >= 4 && !STOPWORDS.has(word));
  return [...new Set(keywords)].slice(0, 4);
}

function requestedCount(lower: string): number | undefined {
  const match = /\b(two|three|four|five|six|seven|[2-7])\b\s+(\w+\s+)?[a-z]+s\b/.exec(lower);
  if (!match?.[1]) return undefined;
  return NUMBER_WORDS[match[1]] ?? Number(match[1]);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
