/** The few pages the unsubscribe endpoint shows: plain, small, and usable without JavaScript. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(title: string, body: string, newsletter: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)} · ${esc(newsletter)}</title>
<style>
  body { font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; background: #f3f4f6; color: #1f2328; margin: 0; }
  main { max-width: 480px; margin: 12vh auto; background: #fff; border-radius: 8px; padding: 32px; }
  h1 { font-size: 22px; margin: 0 0 12px; }
  button { font-size: 16px; padding: 10px 20px; border: 0; border-radius: 4px; background: #b4441c; color: #fff; cursor: pointer; }
</style>
</head>
<body><main>${body}</main></body>
</html>
`;
}

/** GET: a confirm page with one button, so mail scanners that follow links unsubscribe nobody. */
export function confirmPage(newsletter: string, action: string): string {
  return page(
    'Unsubscribe',
    `<h1>Unsubscribe from ${esc(newsletter)}?</h1>
<p>You will get no more issues. You can subscribe again at any time.</p>
<form method="post" action="${esc(action)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" id="confirm">Unsubscribe</button>
</form>`,
    newsletter,
  );
}

export function donePage(newsletter: string, already: boolean): string {
  return page(
    'Unsubscribed',
    `<h1 id="done">${already ? 'You were already unsubscribed' : 'You are unsubscribed'}</h1>
<p>You will get no more issues of ${esc(newsletter)}.</p>`,
    newsletter,
  );
}

export function invalidPage(newsletter: string): string {
  return page(
    'Link not valid',
    `<h1>This unsubscribe link is not valid</h1>
<p>It may have been cut short when it was copied. Use the unsubscribe link at the bottom of the newest issue, or reply to the email and we will take you off the list.</p>`,
    newsletter,
  );
}
