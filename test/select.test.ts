import { describe, it, expect } from 'vitest';
import { issueWindow, resolveIssueDate, selectArticles } from '../src/issue/select.js';
import type { Article } from '../src/content/article.js';

const sections = [
  { id: 'news', title: 'News' },
  { id: 'tech', title: 'Tech' },
];

function article(title: string, section: string, published: string): Article {
  return { origin: 'curated', sourceRef: title, title, url: `https://e.example/${title}`, source: 'E', published: new Date(published), section, summary: '', text: '', tags: [] };
}

describe('issue selection', () => {
  const articles = [
    article('old', 'news', '2026-11-20T23:59:59Z'),
    article('first-day', 'tech', '2026-11-21T00:00:00Z'),
    article('news-mid', 'news', '2026-11-24T10:00:00Z'),
    article('news-late', 'news', '2026-11-27T18:00:00Z'),
    article('tech-late', 'tech', '2026-11-27T23:59:59Z'),
    article('future', 'tech', '2026-11-28T00:00:00Z'),
  ];

  it('takes the seven whole days up to the issue date', () => {
    const w = issueWindow(new Date('2026-11-27T08:00:00Z'), 7);
    expect(w).toEqual({ date: '2026-11-27', start: new Date('2026-11-21T00:00:00Z'), end: new Date('2026-11-28T00:00:00Z') });
    const picked = selectArticles(articles, w, { sections, maxArticles: 30 });
    expect(picked.map((s) => [s.id, s.articles.map((a) => a.title)])).toEqual([
      ['news', ['news-late', 'news-mid']],
      ['tech', ['tech-late', 'first-day']],
    ]);
  });

  it('leaves out sections with nothing in the window and caps the count', () => {
    const w = issueWindow(new Date('2026-11-27T00:00:00Z'), 1);
    expect(selectArticles(articles, w, { sections, maxArticles: 1 }).map((s) => s.articles.map((a) => a.title))).toEqual([['news-late']]);
  });

  it('is empty when the window holds nothing', () => {
    expect(selectArticles(articles, issueWindow(new Date('2027-01-10T00:00:00Z'), 7), { sections, maxArticles: 30 })).toEqual([]);
  });

  it('"latest" is the day of the newest article, so fixed-date samples always build', () => {
    expect(resolveIssueDate('latest', articles)?.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(resolveIssueDate('latest', [])).toBeNull();
  });
});
