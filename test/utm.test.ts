import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { tagUrl, utmForIssue, type UtmSettings } from '../src/enrich/utm.js';
import { NETWORKS, articleShareLinks, quoteShareLinks, digestShare } from '../src/enrich/share.js';
import { shareSchema } from '../src/config/share-schema.js';

const UTM: UtmSettings = { source: 'newsletter', medium: 'email', campaign: '2024-01-05' };
const TAGS = 'utm_source=newsletter&utm_medium=email&utm_campaign=2024-01-05';

describe('tagUrl', () => {
  it('adds source, medium and campaign to a plain link', () => {
    expect(tagUrl('https://example.com/a', UTM)).toBe(`https://example.com/a?${TAGS}`);
    expect(tagUrl('http://example.com', UTM)).toBe(`http://example.com/?${TAGS}`);
  });

  it('keeps the existing query exactly as written', () => {
    expect(tagUrl('https://ex.com/p?q=a%20b&x=1+2&y=%2B', UTM)).toBe(`https://ex.com/p?q=a%20b&x=1+2&y=%2B&${TAGS}`);
    expect(tagUrl('https://ex.com/p?q=1&', UTM)).toBe(`https://ex.com/p?q=1&${TAGS}`);
  });

  it('keeps the fragment, after the query', () => {
    expect(tagUrl('https://ex.com/p?q=1#sec-2', UTM)).toBe(`https://ex.com/p?q=1&${TAGS}#sec-2`);
    expect(tagUrl('https://ex.com/p#a?b=c', UTM)).toBe(`https://ex.com/p?${TAGS}#a?b=c`);
  });

  it('never duplicates a utm parameter already there; the existing value wins', () => {
    const tagged = new URL(tagUrl('https://ex.com/?utm_source=twitter&a=1', UTM));
    expect(tagged.searchParams.getAll('utm_source')).toEqual(['twitter']);
    expect(tagged.searchParams.get('utm_medium')).toBe('email');
    expect(tagged.searchParams.get('utm_campaign')).toBe('2024-01-05');
    const full = `https://ex.com/?utm_campaign=x&utm_medium=y&utm_source=z`;
    expect(tagUrl(full, UTM)).toBe(full);
  });

  it('encodes campaign values', () => {
    const tagged = tagUrl('https://ex.com/', { ...UTM, campaign: 'spring & summer #2 “🌸”' });
    expect(new URL(tagged).searchParams.get('utm_campaign')).toBe('spring & summer #2 “🌸”');
    expect(new URL(tagged).hash).toBe('');
  });

  it('leaves share intents, mailto, unsubscribe and non-http links untouched', () => {
    const article = { title: 'A & B #1', url: 'https://ex.com/a' };
    const built = [
      ...articleShareLinks(article, NETWORKS, 'N'),
      ...quoteShareLinks({ text: 'q', speaker: 's' }, article, NETWORKS, 'N'),
      ...digestShare({ title: 't', webUrl: 'https://ex.com/w' }, 'https://ex.com/s', NETWORKS, 'N').shareLinks,
    ].map((l) => l.href);
    const others = [
      'https://twitter.com/intent/tweet?text=a',
      'https://api.whatsapp.com/send?text=a',
      'mailto:someone@example.com?subject=Hi',
      'https://ex.com/unsubscribe?id=42',
      'https://lists.ex.com/u/Unsubscribe/abc',
      '%%unsubscribe_url%%',
      'https://ex.com/%%unsubscribe_url%%',
      'https://ex.com/?next=%%unsubscribe_url%%',
      'ftp://ex.com/file',
      'javascript:alert(1)',
      '/relative/path',
      'not a url',
    ];
    for (const href of [...built, ...others]) expect(tagUrl(href, UTM)).toBe(href);
  });

  it('returns the input unchanged when tagging is off', () => {
    expect(tagUrl('https://ex.com/a', null)).toBe('https://ex.com/a');
  });

  it('still tags ordinary links on social hosts', () => {
    expect(tagUrl('https://www.linkedin.com/pulse/some-article', UTM)).toBe(`https://www.linkedin.com/pulse/some-article?${TAGS}`);
  });

  it('property: idempotent, keeps query and fragment, each utm exactly once', () => {
    const utmArb = fc.record({ source: fc.string({ minLength: 1 }), medium: fc.string({ minLength: 1 }), campaign: fc.string({ minLength: 1 }) });
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), utmArb, (url, utm) => {
        const once = tagUrl(url, utm);
        expect(tagUrl(once, utm)).toBe(once);
        const before = new URL(url);
        const after = new URL(once);
        expect(after.hash).toBe(before.hash);
        expect(after.pathname).toBe(before.pathname);
        const original = [...before.searchParams];
        expect([...after.searchParams].slice(0, original.length)).toEqual(original);
        for (const name of ['utm_source', 'utm_medium', 'utm_campaign'] as const) {
          expect(after.searchParams.getAll(name)).toHaveLength(1);
          if (!before.searchParams.has(name)) expect(after.searchParams.get(name)).toBe(utm[name.slice(4) as keyof UtmSettings]);
        }
      }),
    );
  });
});

describe('utmForIssue', () => {
  it('uses the issue slug when campaign is null, and turns off when disabled', () => {
    const settings = shareSchema.parse({});
    expect(utmForIssue(settings.utm, '2024-01-05')).toEqual(UTM);
    expect(utmForIssue({ ...settings.utm, campaign: 'launch' }, 'x')?.campaign).toBe('launch');
    expect(utmForIssue({ ...settings.utm, enabled: false }, 'x')).toBeNull();
  });
});

describe('shareSchema', () => {
  it('fills every default', () => {
    expect(shareSchema.parse(undefined)).toEqual({
      networks: [...NETWORKS],
      quoteNetworks: ['x', 'bluesky', 'linkedin'],
      utm: { enabled: true, source: 'newsletter', medium: 'email', campaign: null },
    });
    expect(shareSchema.parse({ utm: { enabled: false } }).utm).toEqual({ enabled: false, source: 'newsletter', medium: 'email', campaign: null });
  });

  it('rejects unknown keys, unknown networks and duplicates', () => {
    expect(shareSchema.safeParse({ netwroks: ['x'] }).success).toBe(false);
    expect(shareSchema.safeParse({ utm: { campain: 'x' } }).success).toBe(false);
    expect(shareSchema.safeParse({ networks: ['myspace'] }).success).toBe(false);
    expect(shareSchema.safeParse({ networks: ['x', 'x'] }).success).toBe(false);
    expect(shareSchema.parse({ networks: ['email', 'x'] }).networks).toEqual(['email', 'x']);
  });
});
