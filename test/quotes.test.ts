import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync, spawnSync } from 'node:child_process';
import { extractQuotes, pickKeyQuotes, type Quote } from '../src/enrich/quotes/index.js';
import { evaluate, sameSpeaker } from '../scripts/eval-quotes.js';
import { blankFrontMatter } from '../src/cli/quotes.js';

const FIXTURES = join(__dirname, 'fixtures', 'quotes');

/** The text under each span, so assertions can check that spans index the words exactly. */
function pieces(input: string, q: Quote): string[] {
  return q.spans.map(([s, e]) => input.slice(s, e));
}

describe('extraction', () => {
  it('finds curly and straight double quotes, with spans inside the marks', () => {
    const input = '“We will rebuild the bridge this year,” the mayor said. Later she added: "Nobody will pay a toll for it."';
    const qs = extractQuotes(input);
    expect(qs.map((q) => pieces(input, q))).toEqual([
      ['We will rebuild the bridge this year,'],
      ['Nobody will pay a toll for it.'],
    ]);
    expect(qs[0].text).toBe('We will rebuild the bridge this year,');
  });

  it('reads single quotes as speech in British-style text and keeps apostrophes inside words', () => {
    const input =
      "‘We don’t accept the council’s figures,’ said Jane Hollis. ‘The Americans’ offer was better, and it's the residents' money.’\n\n" +
      "Mrs Hollis added: 'I won't sign anything until we've seen the accounts.'";
    const qs = extractQuotes(input);
    expect(qs.map((q) => pieces(input, q)[0])).toEqual([
      'We don’t accept the council’s figures,',
      "The Americans’ offer was better, and it's the residents' money.",
      "I won't sign anything until we've seen the accounts.",
    ]);
    expect(qs.map((q) => q.speaker)).toEqual(['Jane Hollis', 'Jane Hollis', 'Jane Hollis']);
  });

  it('never lets an apostrophe open or close a quote in double-quote text', () => {
    const input = 'The Americans\' data stays here, he said. "It\'s the users\' choice, and they don\'t want it shared," said Ana Ruiz.';
    const qs = extractQuotes(input);
    expect(qs).toHaveLength(1);
    expect(pieces(input, qs[0])).toEqual(["It's the users' choice, and they don't want it shared,"]);
    expect(qs[0].speaker).toBe('Ana Ruiz');
  });

  it('finds «…» and „…“ quotes', () => {
    const input = '«Nobody wanted to go home without a deal,» said Elena Vasquez. „We will write a law the courts cannot throw out“, said Andreas Roth.';
    const qs = extractQuotes(input);
    expect(qs.map((q) => [pieces(input, q)[0], q.speaker])).toEqual([
      ['Nobody wanted to go home without a deal,', 'Elena Vasquez'],
      ['We will write a law the courts cannot throw out', 'Andreas Roth'],
    ]);
  });

  it('joins a quote split around its attribution into one quote with two spans', () => {
    const input = 'Owen Pryce runs the ferry. “We found broken wires,” he said, “and nobody should be on that deck.”';
    const [q] = extractQuotes(input);
    expect(pieces(input, q)).toEqual(['We found broken wires,', 'and nobody should be on that deck.']);
    expect(q.text).toBe('We found broken wires, and nobody should be on that deck.');
    expect(q.speaker).toBe('Owen Pryce');
  });

  it('joins a quote that runs over paragraphs, each reopening the mark', () => {
    const input =
      'Dr Priya Raman described the night.\n\n“We start with every cubicle full and a queue outside.\n\n“By four in the morning there are no beds left at all.”\n\nThe minister disagreed.';
    const [q, ...rest] = extractQuotes(input);
    expect(rest).toHaveLength(0);
    expect(pieces(input, q)).toEqual(['We start with every cubicle full and a queue outside.', 'By four in the morning there are no beds left at all.']);
    expect(q.speaker).toBe('Dr Priya Raman');
  });

  it('keeps a partial quote inside the reporter’s sentence and marks it partial', () => {
    const input = 'Mr Pompeo accused ByteDance of “feeding data directly to the Chinese Communist Party.” He said: “We will act against them soon.”';
    const qs = extractQuotes(input);
    expect(qs[0].partial).toBe(true);
    expect(pieces(input, qs[0])).toEqual(['feeding data directly to the Chinese Communist Party.']);
    expect(qs[1].partial).toBe(false);
  });

  it('drops scare quotes, titles, nicknames and single words', () => {
    const input =
      'The “popular” app, nicknamed “Rocket Man” by fans, sponsors “The Steve Harvey Morning Show” and “Late Night Live Tonight”. ' +
      '“This is the real quote we want to keep,” said Tom Albrecht.';
    const qs = extractQuotes(input);
    expect(qs.map((q) => q.text)).toEqual(['This is the real quote we want to keep,']);
  });

  it('keeps a short quote that stands as its own attributed sentence', () => {
    const qs = extractQuotes('“Mostly hungry,” she said. “No,” Jones replied.');
    expect(qs.map((q) => q.text)).toEqual(['Mostly hungry,', 'No,']);
  });

  it('drops an opener that never closes instead of swallowing the paragraph', () => {
    const input = 'He said “this never closes and just runs on.\n\nThen came the vote. “This one is fine and closed,” said Kim Lee.';
    const qs = extractQuotes(input);
    expect(qs.map((q) => q.text)).toEqual(['This one is fine and closed,']);
  });
});

describe('attribution', () => {
  const speakerOf = (input: string, i = 0): string | null => extractQuotes(input)[i]?.speaker ?? null;

  it('reads "X said", "said X", "X told Y" and "according to"', () => {
    expect(speakerOf('“We will win this election easily,” Pompeo said.')).toBe('Pompeo');
    expect(speakerOf('“We will win this election easily,” said Treasury Secretary Steven Mnuchin.')).toBe('Treasury Secretary Steven Mnuchin');
    expect(speakerOf('Mike Pompeo was there. Mr Pompeo told Fox News that the steps would come “with respect to a broad array of risks.”')).toBe('Mike Pompeo');
    expect(speakerOf('According to Jon Pereira, “one bad quarter does not make a trend.”')).toBe('Jon Pereira');
  });

  it('resolves short names and pronouns to the fullest earlier mention', () => {
    const input = 'US Secretary of State Mike Pompeo spoke on Monday. “Our patience is running out fast,” Pompeo said. “We will act soon,” he added.';
    const qs = extractQuotes(input);
    expect(qs.map((q) => q.speaker)).toEqual(['US Secretary of State Mike Pompeo', 'US Secretary of State Mike Pompeo']);
  });

  it('resolves "it", "the company" and "the statement" to the organisation', () => {
    const input =
      'In a statement, TikTok’s parent company, ByteDance has tried to distance itself from Beijing.\n\n' +
      '“We do not share data with any government at all,” it said. “We have no interest in politics whatsoever,” the statement added. ' +
      '“We welcome the discussions with all governments,” the company concluded.';
    expect(extractQuotes(input).map((q) => q.speaker)).toEqual(['ByteDance', 'ByteDance', 'ByteDance']);
  });

  it('reads a colon and a preceding sentence that introduce the quote', () => {
    expect(speakerOf('Asked about the deadline, Holloway was brief: “We will follow the law.”')).toBe('Holloway');
    const input = 'Coach Viktor Lind has seen her play for years. He put it this way:\n\n“Some children calculate well, and Amara does both.”';
    expect(speakerOf(input)).toBe('Coach Viktor Lind');
  });

  it('gives a descriptor speaker and carries it to a later pronoun', () => {
    const input = 'A spokesman for the council said volunteers were welcome. “We are keen to talk to any group that wants to help,” he said.';
    expect(speakerOf(input)).toBe('A spokesman for the council');
  });

  it('leaves the speaker unknown rather than guessing', () => {
    expect(speakerOf('Banners read “housing is a human right for all” across the square.')).toBeNull();
    expect(speakerOf('“Nothing will ever be the same again after this,” he said.')).toBeNull();
  });
});

describe('the seed story', () => {
  const input = readFileSync(join(FIXTURES, '26-seed-tiktok.txt'), 'utf8');
  const all = extractQuotes(input);

  it('finds its quotes with the right speakers', () => {
    const bySpeaker = (prefix: string) => all.find((q) => q.text.startsWith(prefix))?.speaker;
    expect(bySpeaker('feeding data directly')).toBe('Mike Pompeo');
    expect(bySpeaker('as far as TikTok')).toBe('President Donald Trump');
    expect(bySpeaker('we all agree')).toBe('Treasury Secretary Steven Mnuchin');
    expect(bySpeaker('if we consider')).toBe('Prime Minister Scott Morrison');
    expect(bySpeaker('TikTok does not share')).toBe('ByteDance');
    expect(bySpeaker('We welcome ongoing')).toBe('ByteDance');
    expect(all.find((q) => q.text.startsWith('feeding data directly'))?.partial).toBe(true);
    for (const q of all) for (const [s, e] of q.spans) expect(q.text).toContain(input.slice(s, e));
  });

  it('picks Pompeo’s and Mnuchin’s statements as the key quotes, in text order', () => {
    const key = pickKeyQuotes(all, 2);
    expect(key.map((q) => q.speaker)).toEqual(['Mike Pompeo', 'Treasury Secretary Steven Mnuchin']);
    expect(key[0].text).toMatch(/^\[It\] could be their facial recognition patterns/);
    expect(key[1].text).toMatch(/^we all agree there has to be a change/);
  });
});

describe('ranking', () => {
  it('prefers named, complete statements and different speakers, and skips near-duplicates', () => {
    const q = (text: string, speaker: string | null, score: number, at: number): Quote => ({ text, speaker, score, partial: false, spans: [[at, at + text.length]] });
    const quotes = [
      q('We will rebuild the bridge before the winter comes', 'Ann Lee', 0.9, 0),
      q('We will rebuild the bridge before the winter comes again', 'Bob Roe', 0.85, 100),
      q('Another good statement from the same speaker today', 'Ann Lee', 0.8, 200),
      q('A different view from a different person entirely here', 'Cy Day', 0.5, 300),
    ];
    expect(pickKeyQuotes(quotes, 2).map((x) => x.speaker)).toEqual(['Ann Lee', 'Cy Day']);
    expect(pickKeyQuotes(quotes, 0)).toEqual([]);
  });

  it('scores are rounded to 3 decimals', () => {
    for (const q of extractQuotes('“This is a fairly ordinary statement of some length,” said Ann Lee.')) {
      expect(Math.round(q.score * 1000) / 1000).toBe(q.score);
    }
  });
});

describe('robustness', () => {
  it('spans always index text inside the input, in order, for any mix of marks', () => {
    const alphabet = fc.constantFrom('“', '”', '"', '‘', '’', "'", '«', '»', '„', ' ', 'a', 'We ', 'said ', 'Smith ', '.', ',', '\n\n', 'don’t ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 120 }).map((a) => a.join('')), (input) => {
        let last = -1;
        for (const q of extractQuotes(input)) {
          for (const [s, e] of q.spans) {
            expect(s).toBeGreaterThan(last);
            expect(e).toBeGreaterThan(s);
            expect(e).toBeLessThanOrEqual(input.length);
            last = e;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('evaluation on the labelled fixtures', () => {
  it('meets the targets: F1 >= 0.95 and speaker accuracy >= 0.90', () => {
    const r = evaluate(FIXTURES);
    expect(r.files).toBeGreaterThanOrEqual(26);
    expect(r.gold).toBeGreaterThanOrEqual(150);
    expect(r.f1).toBeGreaterThanOrEqual(0.95);
    expect(r.speakerAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('compares speakers by last name without accepting another person', () => {
    expect(sameSpeaker('Mike Pompeo', 'US Secretary of State Mike Pompeo')).toBe(true);
    expect(sameSpeaker('Mike Pompeo', 'Mr Pompeo')).toBe(true);
    expect(sameSpeaker('Amara Osei', 'Kwame Osei')).toBe(false);
    expect(sameSpeaker(null, null)).toBe(true);
    expect(sameSpeaker('ByteDance', null)).toBe(false);
  });
});

describe('digest quotes', () => {
  const seed = join(FIXTURES, '26-seed-tiktok.txt');

  it('blanks front matter with spaces so offsets still index the input', () => {
    const md = '---\ntitle: "A “quoted” title"\n---\n“We will win the vote on Sunday,” said Ann Lee.\n';
    const blanked = blankFrontMatter(md);
    expect(blanked).toHaveLength(md.length);
    const [q] = extractQuotes(blanked);
    expect(md.slice(q.spans[0][0], q.spans[0][1])).toBe('We will win the vote on Sunday,');
  });

  it('prints key quotes as JSON from the compiled CLI, and every quote with --all', () => {
    const out = execFileSync('node', ['bin/digest.js', 'quotes', seed, '--json'], { encoding: 'utf8' });
    const key = JSON.parse(out) as Quote[];
    expect(key.map((q) => q.speaker)).toEqual(['Mike Pompeo', 'Treasury Secretary Steven Mnuchin']);
    expect(Object.keys(key[0]).sort()).toEqual(['partial', 'score', 'spans', 'speaker', 'text']);
    const all = JSON.parse(execFileSync('node', ['bin/digest.js', 'quotes', '--all', '--json', '-'], { input: readFileSync(seed), encoding: 'utf8' })) as Quote[];
    expect(all.length).toBeGreaterThanOrEqual(12);
  });

  it('prints readable lines and honours --count', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quotes-'));
    const file = join(dir, 'a.md');
    writeFileSync(file, '---\ntitle: x\n---\n“We will rebuild the bridge this year,” said Ann Lee.\n\n“Nobody will pay a toll for it at all,” said Bob Roe.\n');
    const out = execFileSync('node', ['bin/digest.js', 'quotes', file, '--count', '1'], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toMatch(/^“.+” — (Ann Lee|Bob Roe)/);
  });

  it('names a missing file in a user error, without a stack trace', () => {
    const r = spawnSync('node', ['bin/digest.js', 'quotes', 'no-such-article.md'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no-such-article.md');
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });
});

describe('one name per person', () => {
  it('gives a short attribution the fuller name of the same person, titles included', async () => {
    const { canonicalSpeakers } = await import('../src/enrich/quotes/canonical.js');
    expect(canonicalSpeakers(['Dr Tomás Ferreira', 'Tomás Ferreira', null, 'Ferreira'])).toEqual(['Dr Tomás Ferreira', 'Dr Tomás Ferreira', null, 'Dr Tomás Ferreira']);
  });

  it('keeps two people who share a surname apart', async () => {
    const { canonicalSpeakers } = await import('../src/enrich/quotes/canonical.js');
    expect(canonicalSpeakers(['Amara Osei', 'Kwame Osei', 'Osei'])).toEqual(['Amara Osei', 'Kwame Osei', 'Osei']);
  });

  it('applies within an article', () => {
    const text = '“We used to think this would take decades,” said Dr Tomás Ferreira, the lead author. Ferreira added: “It took four years, and the reef did not wait for us.”';
    expect(extractQuotes(text).map((q) => q.speaker)).toEqual(['Dr Tomás Ferreira', 'Dr Tomás Ferreira']);
  });
});
