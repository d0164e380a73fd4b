/**
 * The feed bench's publisher, in its own process so the bot's CPU figures are the bot's alone:
 * `feeds` RSS feeds spread over `hosts` loopback addresses (127.0.0.1, 127.0.0.2, ...), each
 * answering conditional GETs with 304 until the next round adds `perRound` items to every feed.
 * It counts requests in flight per host and overall. Driven over IPC:
 *   { cmd: 'round' } → every feed gets new items; { cmd: 'stats' } → { maxPerHost, maxInFlight, requests }.
 *
 *   tsx scripts/bench/feed-publisher.ts SOURCES_JSONL FEEDS HOSTS PER_ROUND
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateArticles, readSources, type BenchArticle } from './corpus.js';

const [sourcesPath, feedsArg, hostsArg, perRoundArg] = process.argv.slice(2);
const feeds = Number(feedsArg);
const hosts = Array.from({ length: Number(hostsArg) }, (_, i) => `127.0.0.${i + 1}`);
const perRound = Number(perRoundArg);
const texts = generateArticles(readSources(sourcesPath), feeds * perRound * 4, 20260315);

let round = 0;
/** Each feed's items, newest first (at most 20 kept, as publishers do). */
const items: BenchArticle[][] = Array.from({ length: feeds }, () => []);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function addRound(): void {
  round++;
  for (const list of items) {
    for (let k = 0; k < perRound; k++) {
      const a = texts.next().value as BenchArticle;
      list.unshift(a);
    }
    list.splice(20);
  }
}

function rss(feed: number): string {
  const body = items[feed]
    .map(
      (a) =>
        `<item><title>${esc(a.title)}</title><link>${a.url}</link><guid>${a.id}</guid><pubDate>${new Date(a.published).toUTCString()}</pubDate><description>${esc(a.text)}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed ${feed}</title><link>https://bench.example/</link><description>d</description>${body}</channel></rss>`;
}

const inFlight = new Map<string, number>();
const maxPerHost = new Map<string, number>();
let total = 0;
let maxInFlight = 0;
let requests = 0;

const ports: number[] = [];
for (const host of hosts) {
  const server = createServer((req, res) => {
    requests++;
    const now = (inFlight.get(host) ?? 0) + 1;
    inFlight.set(host, now);
    maxPerHost.set(host, Math.max(maxPerHost.get(host) ?? 0, now));
    maxInFlight = Math.max(maxInFlight, ++total);
    res.once('close', () => {
      inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
      total--;
    });
    const feed = Number(/^\/feed\/(\d+)\.xml$/.exec(req.url ?? '')?.[1] ?? -1);
    if (!(feed >= 0 && feed < feeds)) {
      res.writeHead(404);
      res.end();
      return;
    }
    const etag = `"${feed}-${round}"`;
    // A few milliseconds of "server time", as a real publisher has, so overlap would show.
    setTimeout(() => {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
      res.end(rss(feed));
    }, 5);
  });
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  ports.push((server.address() as AddressInfo).port);
}

process.on('message', (m: { cmd: string }) => {
  if (m.cmd === 'round') {
    addRound();
    process.send!({ ok: true, round });
  } else if (m.cmd === 'stats') {
    process.send!({ maxPerHost: Math.max(...maxPerHost.values()), maxInFlight, requests });
  } else if (m.cmd === 'exit') process.exit(0);
});
process.send!({
  urls: Array.from(
    { length: feeds },
    (_, i) => `http://${hosts[i % hosts.length]}:${ports[i % hosts.length]}/feed/${i}.xml`,
  ),
});
