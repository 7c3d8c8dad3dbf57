import { HONORIFICS, KIN_NOUNS, ORG_NOUNS, ORG_WORDS, SPEAKER_NOUNS, STOPWORDS, TITLES } from './lexicon.js';

const PERSON_NOUN = (w: string): boolean => SPEAKER_NOUNS.has(w) || TITLES.has(w);
import { isOrgName, nameRight, splitTitle } from './names.js';
import { isAuxOrAdverb, speechVerb } from './verbs.js';
import { isCap, isWord, lower, type Tokens } from './tokens.js';

/**
 * What the text has said about people and organisations so far, read left to right once.
 * Short names and pronouns near a quote are resolved against it: "Pompeo" and "he" become the
 * fullest earlier mention, "it" and "the company" the organisation last seen acting.
 */
interface Person {
  text: string;
  fullness: number;
}

export class Mentions {
  private cursor = 0;
  private readonly bySurname = new Map<string, Person>();
  private readonly byTitle = new Map<string, string>();
  private readonly byNoun = new Map<string, string>();
  /** People in the order last mentioned, most recent last, and the gender the text gives them. */
  private readonly recent: string[] = [];
  private readonly gender = new Map<string, 'm' | 'f'>();
  lastOrg: string | null = null;
  lastOrgAt = -1;

  constructor(
    private readonly t: Tokens,
    /** Whether token i lies inside a quote: names there are not the narrator's subjects. */
    private readonly quoted: (pos: number) => boolean,
  ) {}

  get lastPerson(): string | null {
    return this.recent.length > 0 ? this.recent[this.recent.length - 1] : null;
  }

  set lastPerson(name: string | null) {
    if (name === null) return;
    const at = this.recent.indexOf(name);
    if (at >= 0) this.recent.splice(at, 1);
    this.recent.push(name);
    if (this.recent.length > 8) this.recent.shift();
  }

  /** Records what a title, relation or pronoun says about a person's gender. */
  learnGender(name: string, cue: string): void {
    const g = genderOf(cue);
    if (g && !this.gender.has(name)) this.gender.set(name, g);
  }

  /** "he" / "she": the latest person not known to be of the other gender. */
  pronoun(word: 'he' | 'she'): string | null {
    const want = word === 'he' ? 'm' : 'f';
    for (let k = this.recent.length - 1; k >= 0; k--) {
      const g = this.gender.get(this.recent[k]);
      if (g === undefined || g === want) return this.recent[k];
    }
    return this.lastPerson;
  }

  /** Whether the text has told this person's gender and it is not the pronoun's. */
  clashes(name: string, word: 'he' | 'she'): boolean {
    const g = this.gender.get(name);
    return g !== undefined && g !== (word === 'he' ? 'm' : 'f');
  }

  /** Reads every capitalised run that starts before character `pos`. */
  advance(pos: number): void {
    const t = this.t;
    let i = this.cursor;
    while (i < t.count && t.start[i] < pos) {
      if (!isWord(t, i) || !isCap(t, i) || this.quoted(t.start[i])) {
        i++;
        continue;
      }
      const got = nameRight(t, i, t.count);
      const described = got && got.phrase.kind === 'desc' ? got.phrase : null;
      if (described && /^(his|her|their)\s/i.test(described.text) && KIN_NOUNS.has(described.head) && !this.followedByName(got!.end)) {
        // "His mother told reporters …": a person the text never names.
        this.lastPerson = described.text;
        this.learnGender(described.text, described.head);
        i = got!.end + 1;
        continue;
      }
      if (got && got.phrase.kind === 'desc' && /^(a|an|one)\s/i.test(got.phrase.text) && PERSON_NOUN(got.phrase.head)) {
        // "A rebel commander, who spoke on condition of anonymity, …": later "he" is this person.
        this.lastPerson = got.phrase.text;
        i = got.end + 1;
        continue;
      }
      if (!got || got.phrase.kind !== 'name') {
        i++;
        continue;
      }
      this.note(got.phrase.words, got.end, this.orgContext(i), i);
      i = got.end + 1;
    }
    this.cursor = Math.max(this.cursor, i);
  }

  /** "the band Paper Lanterns", "the Blue Lagoon spa": later "the band", "the spa" mean them. */
  private nameNouns(name: string, end: number, len: number): void {
    const t = this.t;
    const after = end + 1, before = end - len;
    if (after < t.count && isWord(t, after) && !isCap(t, after)) this.byNoun.set(lower(t, after), name);
    if (before >= 0 && isWord(t, before) && !isCap(t, before)) this.byNoun.set(lower(t, before), name);
  }

  /** The organisation last described with this noun. */
  named(noun: string): string | null {
    return this.byNoun.get(noun) ?? null;
  }

  /** "chipmaker Veridian Micro", "parent company, ByteDance": the word before says what it is. */
  private orgContext(i: number): boolean {
    const t = this.t;
    let k = i - 1;
    if (k >= 0 && t.text.charCodeAt(t.start[k]) === 44) k--;
    if (k < 0 || !isWord(t, k) || isCap(t, k)) return false;
    const w = lower(t, k);
    return ORG_NOUNS.has(w) || /(?:maker|company|firm|giant|group)$/.test(w);
  }

  /** "His daughter, Morag": the relation noun names what the next capitalised run is. */
  private followedByName(end: number): boolean {
    const t = this.t;
    let k = end + 1;
    if (k < t.count && t.text.charCodeAt(t.start[k]) === 44) k++;
    return k < t.count && isWord(t, k) && isCap(t, k);
  }

  /**
   * The lowercase role right before a name, past an optional comma: "the work and pensions
   * minister, Alistair Penrose", "opposition environment spokeswoman Carys Hughes".
   */
  private roleBefore(i: number): string | null {
    const t = this.t;
    let k = i - 1;
    if (k >= 0 && t.text.charCodeAt(t.start[k]) === 44) k--;
    if (k < 0 || !isWord(t, k) || isCap(t, k)) return null;
    const w = lower(t, k).replace(/['’]s$/, '');
    return TITLES.has(w) || SPEAKER_NOUNS.has(w) || KIN_NOUNS.has(w) || /(?:er|or|ist|ian)$/.test(w) && k > 0 && /^(the|a|an|his|her|its|their)$/i.test(lower(t, k - 1)) ? w : null;
  }

  /** "the Guardian", "on Skerry Mor", "in Hexley": a run after an article or a place word is not a person. */
  private placeContext(i: number): boolean {
    const t = this.t;
    const k = i - 1;
    if (k < 0 || !isWord(t, k)) return false;
    return /^(the|in|on|at|near|outside|across|into|off|around|towards|toward|through|via|within)$/.test(lower(t, k));
  }

  private note(words: string[], end: number, orgContext: boolean, start: number): void {
    const { title, name } = splitTitle(words);
    if (name.length === 0) return;
    const role = this.roleBefore(start);
    const possessive = /['’]s?$/.test(this.t.text.slice(this.t.start[end], this.t.end[end]));
    let person = !orgContext && this.isPerson(title, name);
    if (person && title.length === 0 && !role && this.placeContext(start)) person = false;
    if (!person && !orgContext && role && !isOrgName(name) && name.length <= 4) person = true;
    if (person) {
      const canon = this.register(words, title, name);
      // "Halvorsen's remark": a possessor is rarely who "he" or "she" refers to next.
      if (!possessive) this.lastPerson = canon;
      for (const w of title) {
        this.byTitle.set(w.toLowerCase(), canon);
        this.learnGender(canon, w);
      }
      if (role) {
        this.byTitle.set(role, canon);
        this.learnGender(canon, role);
      }
    } else if (this.actsAsSubject(end)) {
      this.lastOrg = name.join(' ');
      this.lastOrgAt = this.t.start[end];
    }
    if (!person) this.nameNouns(name.join(' '), end, words.length);
  }

  private isPerson(title: string[], name: string[]): boolean {
    if (isOrgName(name)) return false;
    if (title.length > 0) return true;
    if (name.length === 1 && this.bySurname.has(name[0].toLowerCase())) return true;
    if (name.length < 2 || name.length > 4) return false;
    // "Fox News", "Air Force One": a capitalised word that is a common word is rarely a first name.
    return !name.some((w) => STOPWORDS.has(w.toLowerCase()) || ORG_WORDS.has(w.toLowerCase()) || /^[A-Z]{2,}$/.test(w));
  }

  private register(words: string[], title: string[], name: string[]): string {
    const key = name[name.length - 1].toLowerCase();
    const known = this.bySurname.get(key);
    const honest = title.filter((w) => !HONORIFICS.has(w.toLowerCase().replace(/\.$/, '')));
    const fullness = name.length * 10 + honest.length;
    if (name.length === 1 && !known) return words.join(' ');
    // Amara Osei and Kwame Osei share a surname: a different first name is a different person.
    const conflict = known !== undefined && name.length > 1 && !name.every((w) => known.text.split(' ').includes(w));
    if (!known || conflict || fullness > known.fullness) {
      const text = (honest.length > 0 ? [...words.slice(words.length - name.length - honest.length)] : name).join(' ');
      this.bySurname.set(key, { text, fullness });
      return text;
    }
    return known.text;
  }

  private actsAsSubject(end: number): boolean {
    const t = this.t;
    let k = end + 1;
    // "Apple Inc. said": the dot of an abbreviation sits between the name and its verb.
    if (k < t.count && t.text.charCodeAt(t.start[k]) === 46 && /^(inc|corp|co|ltd|plc|llc)$/i.test(lower(t, end))) k++;
    while (k < t.count && isWord(t, k) && isAuxOrAdverb(lower(t, k)) && k < end + 4) {
      if (/^(has|had|have|was|were|is|are|will|would|could|can|did|does)$/.test(lower(t, k))) return true;
      k++;
    }
    if (k >= t.count || !isWord(t, k)) return false;
    const w = lower(t, k);
    return speechVerb(w) === 'finite' || (w.endsWith('ed') && w.length > 4);
  }

  /** The fullest mention with this surname so far, if the text names such a person. */
  fullest(surname: string): string | null {
    return this.bySurname.get(surname.toLowerCase())?.text ?? null;
  }

  fullnessOf(surname: string): number {
    return this.bySurname.get(surname.toLowerCase())?.fullness ?? 0;
  }

  byRole(role: string): string | null {
    return this.byTitle.get(role.toLowerCase()) ?? null;
  }

  isKnownPerson(surname: string): boolean {
    return this.bySurname.has(surname.toLowerCase());
  }
}

const FEMALE = /^(mrs|ms|miss|lady|dame|queen|princess|duchess|countess|sister|mother|daughter|wife|widow|aunt|grandmother|girlfriend|niece|spokeswoman|chairwoman|congresswoman|councilwoman|businesswoman|sportswoman|actress|she|her)\.?$/;
const MALE = /^(mr|sir|lord|king|prince|duke|earl|father|son|husband|widower|uncle|grandfather|boyfriend|nephew|brother|spokesman|chairman|congressman|councilman|businessman|sportsman|actor|he|his)\.?$/;

function genderOf(cue: string): 'm' | 'f' | null {
  const w = cue.toLowerCase();
  return FEMALE.test(w) ? 'f' : MALE.test(w) ? 'm' : null;
}
