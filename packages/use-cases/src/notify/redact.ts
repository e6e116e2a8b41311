/**
 * A webhook URL as it may be shown (listings, the console, logs): a robot's URL carries its
 * credential (WeCom's `key`, DingTalk's `access_token`), others may carry a user and password. The
 * user, the password and every query value are hidden; a long value keeps its last four characters
 * so an admin can still tell two robots apart.
 */
export function redactedUrl(raw: string): string {
  const url = new URL(raw);
  if (url.username) url.username = '***';
  if (url.password) url.password = '***';
  for (const [name, value] of [...url.searchParams]) {
    url.searchParams.set(name, value.length >= 16 ? `***${value.slice(-4)}` : '***');
  }
  // URLSearchParams writes * as-is but would percent-encode nothing else here; keep it readable.
  return url.toString();
}
