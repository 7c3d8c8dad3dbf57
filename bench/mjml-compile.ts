/**
 * The baseline for `npm run bench`: a bare MJML compile as a process of its own. It imports mjml,
 * compiles one file with the options digest uses, and writes the HTML; nothing else.
 */
import mjml2html from 'mjml';
import { readFileSync, writeFileSync } from 'node:fs';
import { MJML_OPTIONS } from '../src/render/mjml.js';

const [input, output] = process.argv.slice(2);
const { html } = await mjml2html(readFileSync(input!, 'utf8'), { ...MJML_OPTIONS });
writeFileSync(output!, html);
