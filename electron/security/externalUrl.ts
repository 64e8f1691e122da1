// Links the renderer asks to open (window.open, target=_blank) never open inside the app: they go
// to the user's browser or mail client, and only when they are plain http(s) or mailto links.
// Other schemes (file:, smb:, custom app handlers, javascript:) can launch programs or leak
// credentials, so they are dropped.

const MAX_EXTERNAL_URL_LENGTH = 2048;

export function toExternalUrl(raw: string): string | null {
  if (raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return safeMailto(url) ? url.href : null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // user:password@host links are a phishing staple and never needed here.
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}

// RFC 6068 header fields a mail client fills in. Anything else is refused: some clients honour
// `attach=` / `attachment=` and would attach a local file (~/.ssh/id_rsa) to a message the user
// sends without looking closely.
const MAILTO_FIELDS = new Set(['to', 'cc', 'bcc', 'subject', 'body']);

function safeMailto(url: URL): boolean {
  for (const key of url.searchParams.keys()) {
    if (!MAILTO_FIELDS.has(key.toLowerCase())) return false;
  }
  return true;
}
