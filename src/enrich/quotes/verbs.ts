/**
 * Speech verbs in every inflection. The list follows the size of the ones the Gender Gap Tracker
 * and textacy keep (60-70 lemmas); a reporting verb is what turns a name near a quote into a speaker.
 */

// Lemma -> irregular forms. Regular lemmas get -s/-ed/-ing by rule.
const IRREGULAR: Record<string, string[]> = {
  say: ['says', 'said', 'saying'],
  tell: ['tells', 'told', 'telling'],
  write: ['writes', 'wrote', 'written', 'writing'],
  think: ['thinks', 'thought', 'thinking'],
  feel: ['feels', 'felt', 'feeling'],
  tweet: ['tweets', 'tweeted', 'tweeting'],
  admit: ['admits', 'admitted', 'admitting'],
  quip: ['quips', 'quipped', 'quipping'],
  snap: ['snaps', 'snapped', 'snapping'],
  concur: ['concurs', 'concurred', 'concurring'],
  forecast: ['forecasts', 'forecast', 'forecasted', 'forecasting'],
  reply: ['replies', 'replied', 'replying'],
  testify: ['testifies', 'testified', 'testifying'],
  worry: ['worries', 'worried', 'worrying'],
  cry: ['cries', 'cried', 'crying'],
  deny: ['denies', 'denied', 'denying'],
};

// Regular lemmas. Nouns that double as verbs (state, note, report, claim...) are in AMBIGUOUS.
const REGULAR = [
  'add', 'announce', 'acknowledge', 'agree', 'ask', 'assert', 'argue', 'assure', 'allege', 'accuse',
  'believe', 'boast', 'blame', 'caution', 'challenge', 'complain', 'concede', 'conclude', 'confirm',
  'contend', 'continue', 'criticise', 'criticize', 'declare', 'describe', 'dismiss',
  'emphasise', 'emphasize', 'explain', 'exclaim', 'insist', 'inform', 'indicate', 'joke', 'maintain',
  'mention', 'muse', 'observe', 'pledge', 'predict', 'proclaim', 'recall', 'recount', 'reiterate',
  'remark', 'repeat', 'respond', 'retort', 'reveal', 'scoff', 'stress', 'suggest', 'urge', 'vow',
  'warn', 'whisper', 'wonder', 'fume', 'grumble', 'lament', 'advise', 'condemn', 'propose', 'shout',
  'sigh', 'underline', 'underscore', 'expect',
];

// Also nouns ("the state", "a note", "a report"): only their -ed/-ing forms count as speech.
const AMBIGUOUS = [
  'state', 'note', 'report', 'claim', 'comment', 'answer', 'post', 'cite', 'point', 'quote', 'charge',
  'question', 'promise', 'demand', 'hope', 'estimate', 'counter',
];

function regular(lemma: string): string[] {
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  const s = /(?:s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : `${lemma}s`;
  return [lemma, s, `${stem}ed`, `${stem}ing`];
}

export type VerbForm = 'finite' | 'base' | 'participle';

const FORMS = new Map<string, VerbForm>();

function put(form: string): void {
  if (FORMS.has(form)) return;
  FORMS.set(form, form.endsWith('ing') ? 'participle' : 'finite');
}

for (const lemma of REGULAR) {
  if (IRREGULAR[lemma]) continue;
  const [base, ...rest] = regular(lemma);
  FORMS.set(base, 'base');
  rest.forEach(put);
}
for (const [lemma, forms] of Object.entries(IRREGULAR)) {
  if (lemma.includes(' ')) continue;
  FORMS.set(lemma, 'base');
  forms.forEach(put);
}
for (const lemma of AMBIGUOUS) {
  const [, , ed, ing] = regular(lemma);
  put(ed);
  put(ing);
}

/** The inflection class of a speech verb, or undefined when the word is not one. */
export function speechVerb(lower: string): VerbForm | undefined {
  return FORMS.get(lower);
}

export function speechVerbCount(): number {
  return FORMS.size;
}

/** Words that may sit between a subject and its speech verb ("has previously said"). */
const AUX = new Set([
  'has', 'had', 'have', 'was', 'were', 'is', 'are', 'will', 'would', 'could', 'can', 'may', 'might',
  'should', 'did', 'does', 'also', 'then', 'later', 'once', 'not', 'never', 'again', 'too',
  'already', 'still', 'even', 'just', 'first', 'since', 'been', 'reportedly', 'repeatedly',
]);

export function isAuxOrAdverb(lower: string): boolean {
  return AUX.has(lower) || (lower.length > 4 && lower.endsWith('ly'));
}
