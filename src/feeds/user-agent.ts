import { readFileSync } from 'node:fs';

let version: string | undefined;

/** briefbot's version from package.json, read once (two levels up from src/, three from dist/src/). */
function ownVersion(): string {
  if (version !== undefined) return version;
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'briefbot' && pkg.version) return (version = pkg.version);
    } catch {
      // Not there from this layout; try the next.
    }
  }
  return (version = '0');
}

/**
 * The User-Agent of every feed request: it names briefbot and, when configured, where its operator
 * can be reached ("briefbot/0.1.0 (+https://example.org/bot)"), as feed publishers ask of pollers.
 */
export function userAgent(contactUrl: string | undefined): string {
  const contact = contactUrl?.trim() ? `+${contactUrl.trim()}` : 'feed poller; operator contact not configured';
  return `briefbot/${ownVersion()} (${contact})`;
}
