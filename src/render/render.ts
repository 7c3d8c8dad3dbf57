import type { Config } from '../config/load.js';
import type { EnrichedIssue } from '../enrich/enriched.js';
import type { Problem } from '../errors.js';
import { DigestError } from '../errors.js';
import { compileMjml } from './mjml.js';
import { runTemplate, type CompiledTemplates } from './templates.js';
import { buildView, patternValues, type PatternValues } from './view.js';
import { emailHtml, webPageHtml } from './webpage.js';
import { htmlSizeProblem, compactHtml } from './size.js';

/** One issue, rendered: everything the deliverers need. */
export interface Rendered {
  subject: string;
  preheader: string;
  mjml: string;
  /** The email's HTML, with per-subscriber placeholders. */
  html: string;
  /** The plain-text twin, with the same placeholders. */
  text: string;
  /** The public archive page: no placeholders, nothing personal. */
  webHtml: string;
  htmlBytes: number;
  warnings: Problem[];
}

/** Runs the templates and MJML once for the issue; sends only fill placeholders afterwards. */
export async function renderIssue(issue: EnrichedIssue, config: Config, templates: CompiledTemplates): Promise<Rendered> {
  const n = config.newsletter;
  const values = patternValues(issue, config);
  const subject = oneLine(pattern(templates, n.issue.subject, values, 'issue.subject', config));
  const preheader = oneLine(pattern(templates, n.issue.preheader, values, 'issue.preheader', config));
  const view = buildView(issue, config, {
    subject,
    preheader,
    greeting: pattern(templates, n.issue.greeting, values, 'issue.greeting', config),
    reason: pattern(templates, n.reason, values, 'reason', config),
    intro: n.issue.intro ? pattern(templates, n.issue.intro, values, 'issue.intro', config) : null,
  });

  const mjml = runTemplate(templates.mjml, view, templates.files, 'digest.mjml.hbs');
  const compiled = compactHtml(await compileMjml(mjml, templates.files));
  const html = emailHtml(compiled);
  const text = runTemplate(templates.text, view, templates.files, 'digest.txt.hbs').replace(/\n{3,}/g, '\n\n').trim() + '\n';
  const lead = issue.sections[0]?.articles[0];
  const webHtml = webPageHtml(compiled, {
    title: subject,
    description: preheader,
    url: issue.webUrl,
    image: lead?.image?.url ?? n.brand.logoUrl,
    siteName: n.name,
  });
  const htmlBytes = Buffer.byteLength(html);
  const size = htmlSizeProblem(htmlBytes);
  return { subject, preheader, mjml, html, text, webHtml, htmlBytes, warnings: [...issue.warnings, ...(size ? [size] : [])] };
}

/** Subject, preheader and the other one-line patterns from newsletter.yaml. */
function pattern(templates: CompiledTemplates, source: string, values: PatternValues, key: string, config: Config): string {
  try {
    return templates.pattern(source)(values);
  } catch (err) {
    throw new DigestError(`the pattern "${key}" cannot be rendered: ${(err as Error).message.split('\n')[0]}`, {
      file: config.file,
      hint: 'patterns can use {{name}}, {{tagline}}, {{number}}, {{date}}, {{dateLabel}}, {{count}}, {{lead.title}} and {{lead.source}}',
    });
  }
}

/** Headers must be one line: a title from a feed must never be able to start a new header. */
const oneLine = (s: string): string => s.replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
