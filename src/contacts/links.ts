/** The only host the extension opens links on: the Callbell dashboard. */
export const DASHBOARD_HOST = 'dash.callbell.eu';

export type LinkCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

/**
 * `href` and `conversationHref` are typed by the API like any other field, so they are untrusted: a
 * `command:` or `vscode:` URI handed to openExternal would run inside the editor. Only plain https
 * links to the dashboard pass.
 */
export function checkDashboardLink(href: string | undefined): LinkCheck {
  if (href === undefined || href.trim() === '') return { ok: false, reason: 'missing' };
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `scheme ${url.protocol}` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials in the URL' };
  if (url.hostname !== DASHBOARD_HOST) return { ok: false, reason: `host ${url.hostname}` };
  if (url.port !== '') return { ok: false, reason: `port ${url.port}` };
  return { ok: true, url: url.toString() };
}

/** The dashboard link when it passes the same check as "Open in Callbell"; other hrefs are not passed on. */
export function safeDashboardLink(href: string | undefined): string | undefined {
  const check = checkDashboardLink(href);
  return check.ok ? check.url : undefined;
}
