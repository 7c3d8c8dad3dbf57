/** Frame widths: the email is 640 px wide, so the desktop frame leaves room for a scrollbar. */
export const DESKTOP_WIDTH = 680;
export const PHONE_WIDTH = 375;

/**
 * The preview's shell. It holds no issue data of its own: everything arrives as JSON over the
 * /events stream and is written with textContent, so nothing from an article can run as markup
 * here. The email itself loads in sandboxed frames from /email.html (no scripts allowed).
 */
export function pageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Digest preview</title>
<style>${CSS}</style>
<script src="/preview.js" defer></script>
</head>
<body data-state="connecting">
<header>
  <div class="headline">
    <p class="label">Subject</p>
    <h1 id="subject">Rendering…</h1>
    <p class="label">Preheader</p>
    <p id="preheader"></p>
  </div>
  <dl class="facts">
    <dt>Issue</dt><dd id="issue"></dd>
    <dt>Sample subscriber</dt><dd id="sample"></dd>
    <dt>Rendered</dt><dd id="rendered"></dd>
  </dl>
  <p id="status" class="status" role="status">connecting</p>
</header>
<section id="error" class="error" hidden aria-live="assertive">
  <h2>The email cannot be rendered</h2>
  <p id="error-where" class="where"></p>
  <p id="error-message"></p>
  <p id="error-hint" class="hint"></p>
  <ul id="error-problems"></ul>
  <p class="note">The preview keeps watching: save a fix and the email comes back.</p>
</section>
<div class="layout">
  <main id="panes">
    <nav class="tabs" role="tablist">
      <button id="tab-email-button" role="tab" aria-selected="true" data-tab="email">Email</button>
      <button id="tab-text-button" role="tab" aria-selected="false" data-tab="text">Plain text</button>
    </nav>
    <div id="tab-email" class="frames" role="tabpanel">
      <figure>
        <figcaption>Desktop · ${DESKTOP_WIDTH} px</figcaption>
        <iframe id="desktop" title="The email at desktop width" width="${DESKTOP_WIDTH}" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>
      </figure>
      <figure>
        <figcaption>Phone · ${PHONE_WIDTH} px</figcaption>
        <iframe id="phone" title="The email at phone width" width="${PHONE_WIDTH}" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>
      </figure>
    </div>
    <div id="tab-text" role="tabpanel" hidden><pre id="text"></pre></div>
  </main>
  <aside>
    <h2>Checks</h2>
    <ul id="checks"></ul>
    <h2>Articles</h2>
    <ol id="articles"></ol>
  </aside>
</div>
</body>
</html>
`;
}

const CSS = `
:root { font-family: system-ui, sans-serif; color: #1f2328; background: #f3f4f6; }
body { margin: 0; }
header { display: flex; gap: 24px; align-items: flex-start; padding: 16px 24px; background: #fff; border-bottom: 1px solid #d0d7de; }
.headline { flex: 1; min-width: 0; }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 15px; margin: 16px 0 8px; }
.label { margin: 0; font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: #57606a; }
#preheader { margin: 0; color: #57606a; }
.facts { display: grid; grid-template-columns: auto auto; gap: 2px 12px; margin: 0; font-size: 13px; }
.facts dt { color: #57606a; }
.facts dd { margin: 0; }
.status { margin: 0; padding: 4px 10px; border-radius: 12px; font-size: 12px; background: #eaeef2; white-space: nowrap; }
body[data-state="ok"] .status { background: #dafbe1; }
body[data-state="error"] .status { background: #ffebe9; }
.error { margin: 16px 24px 0; padding: 12px 16px; background: #ffebe9; border: 1px solid #cf222e; border-radius: 6px; }
.error h2 { margin-top: 0; color: #a40e26; }
.where { font-family: ui-monospace, monospace; font-weight: bold; }
.hint, .note { color: #57606a; }
.layout { display: flex; gap: 24px; padding: 16px 24px; align-items: flex-start; }
main { flex: 1; min-width: 0; }
body[data-state="error"] main { display: none; }
.tabs button { font: inherit; padding: 6px 14px; border: 1px solid #d0d7de; background: #fff; cursor: pointer; }
.tabs button[aria-selected="true"] { background: #1f2328; color: #fff; }
.frames { display: flex; gap: 24px; flex-wrap: wrap; margin-top: 12px; }
figure { margin: 0; }
figcaption { font-size: 12px; color: #57606a; margin-bottom: 4px; }
iframe { height: 80vh; border: 1px solid #d0d7de; background: #fff; display: block; }
pre { white-space: pre-wrap; background: #fff; border: 1px solid #d0d7de; padding: 16px; max-width: 72ch; margin-top: 12px; }
aside { width: 320px; flex: none; font-size: 13px; }
#checks { list-style: none; padding: 0; margin: 0; }
#checks li { padding: 8px 10px; margin-bottom: 6px; border-left: 4px solid #2da44e; background: #fff; }
#checks li.warn { border-color: #bf8700; }
#checks li.fail { border-color: #cf222e; }
#checks li ul { margin: 4px 0 0; padding-left: 18px; word-break: break-all; }
`;

/** Runs in the browser: applies each state the server pushes, and keeps the frames' scroll position. */
export const PAGE_SCRIPT = `'use strict';
const $ = (id) => document.getElementById(id);
const frames = [$('desktop'), $('phone')];

function setText(id, text) { $(id).textContent = text || ''; }

function list(id, items, render) {
  const el = $(id);
  el.replaceChildren(...items.map(render));
}

function loadEmail(version) {
  for (const frame of frames) {
    let y = 0;
    try { y = frame.contentWindow.scrollY; } catch (e) { /* not loaded yet */ }
    frame.addEventListener('load', () => { try { frame.contentWindow.scrollTo(0, y); } catch (e) {} }, { once: true });
    frame.src = '/email.html?v=' + version;
  }
}

function renderChecks(checks) {
  list('checks', checks, (c) => {
    const li = document.createElement('li');
    li.className = c.level;
    li.dataset.check = c.id;
    const title = document.createElement('strong');
    title.textContent = (c.level === 'ok' ? '✓ ' : c.level === 'warn' ? '⚠ ' : '✗ ') + c.title;
    const detail = document.createElement('div');
    detail.textContent = c.detail || '';
    li.append(title, detail);
    if (c.items.length) {
      const ul = document.createElement('ul');
      for (const item of c.items) { const i = document.createElement('li'); i.textContent = item; ul.append(i); }
      li.append(ul);
    }
    return li;
  });
}

function where(e) { return e.file ? e.file + (e.line ? ':' + e.line : '') : ''; }

function apply(s) {
  document.body.dataset.state = s.ok ? 'ok' : 'error';
  document.body.dataset.version = String(s.version);
  setText('status', s.ok ? 'live · updated ' + new Date(s.renderedAt).toLocaleTimeString() : 'error · watching for a fix');
  setText('sample', s.sample.name + ' <' + s.sample.email + '>');
  setText('rendered', 'in ' + s.renderMs + ' ms' + (s.trigger ? ' after a change to ' + s.trigger : ''));
  renderChecks(s.checks);
  $('error').hidden = s.ok;
  if (!s.ok) {
    const e = s.error;
    setText('error-where', where(e));
    setText('error-message', e.message);
    setText('error-hint', e.hint ? 'hint: ' + e.hint : '');
    list('error-problems', e.problems, (p) => { const li = document.createElement('li'); li.textContent = (where(p) ? where(p) + ': ' : '') + p.message; return li; });
    return;
  }
  const m = s.email;
  setText('subject', m.subject);
  setText('preheader', m.preheader);
  setText('issue', '#' + m.issue.number + ' · ' + m.issue.slug);
  setText('text', m.text);
  list('articles', m.issue.articles, (a) => { const li = document.createElement('li'); li.textContent = a.title + ' (' + a.section + ')'; return li; });
  document.title = 'Preview: ' + m.subject;
  loadEmail(s.version);
}

for (const button of document.querySelectorAll('.tabs button')) {
  button.addEventListener('click', () => {
    for (const b of document.querySelectorAll('.tabs button')) b.setAttribute('aria-selected', String(b === button));
    $('tab-email').hidden = button.dataset.tab !== 'email';
    $('tab-text').hidden = button.dataset.tab !== 'text';
  });
}

const events = new EventSource('/events');
events.addEventListener('state', (ev) => apply(JSON.parse(ev.data)));
// EventSource reconnects by itself; the status line says so meanwhile.
events.addEventListener('error', () => setText('status', 'disconnected · retrying'));
`;
