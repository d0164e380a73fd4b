import { afterEach, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../src/feeds/net/address-policy.js';
import { prose, rss2 } from './helpers/feed-docs.js';
import { FeedServer } from './helpers/feed-server.js';
import { makePollHarness, type PollHarness } from './helpers/poll-harness.js';

const DOC = rss2('Intranet Wire', [
  { guid: 'i-1', link: 'https://i.example/1', title: 'Internal memo', text: prose('Budget', 6) },
]);

describe('feed URLs cannot reach private networks unless allowed', () => {
  let servers: FeedServer[] = [];
  let h: PollHarness | undefined;
  afterEach(async () => {
    await h?.close();
    for (const s of servers) await s.close();
    h = undefined;
    servers = [];
  });
  const start = async (host = '127.0.0.1') => {
    const s = await FeedServer.start([host]);
    servers.push(s);
    s.serve('/feed.xml', DOC);
    return s;
  };

  it('refuses to add a loopback or private URL with FEEDS_ALLOW_PRIVATE_NETWORKS off, by address or by name', async () => {
    const server = await start();
    h = await makePollHarness({ limits: { allowPrivateNetworks: false } });
    for (const url of [
      server.url('/feed.xml'),
      'http://localhost:8/feed.xml',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/feed.xml',
      'http://10.1.2.3/rss',
    ]) {
      await expect(h.add(url), url).rejects.toMatchObject({
        code: 'FEED_REFUSED',
        message: expect.stringContaining('FEEDS_ALLOW_PRIVATE_NETWORKS=true'),
      });
    }
    expect(await h.repo.list()).toEqual([]);
  });

  it('refuses at poll time too (a feed stored earlier, a name resolving to loopback): no request reaches the server', async () => {
    const server = await start();
    h = await makePollHarness({ limits: { allowPrivateNetworks: false } });
    const now = h.clock.now();
    const base = {
      name: undefined,
      intervalSeconds: 300,
      fullText: true,
      origin: 'chat' as const,
      createdBy: 'old-build',
    };
    const literal = await h.repo.add({ ...base, url: server.url('/feed.xml') }, now, now);
    const port = new URL(server.url('/')).port;
    const named = await h.repo.add({ ...base, url: `http://localhost:${port}/feed.xml` }, now, now);
    const reports = await h.poller.runDue();
    for (const id of [literal.id, named.id]) {
      const r = reports.find((x) => x.feedId === id)!;
      expect(r.error?.kind).toBe('blocked');
      expect(r.error?.message).toMatch(
        /^refused: .* is a private or local address; set FEEDS_ALLOW_PRIVATE_NETWORKS=true/,
      );
    }
    expect(server.requests).toEqual([]);
  });

  it('checks every redirect hop: a redirect to a private address is refused before it is requested', async () => {
    const publicish = await start('127.0.0.1');
    const inside = await start('127.0.0.2');
    publicish.route('/start.xml', (_req, res) => {
      res.writeHead(302, { location: inside.url('/feed.xml') });
      res.end();
    });
    // Only 127.0.0.2 counts as private here, so the first hop can stand for a public host.
    h = await makePollHarness({ limits: { allowPrivateNetworks: false }, isBlocked: (a) => a !== '127.0.0.1' });
    const now = h.clock.now();
    const feed = await h.repo.add(
      { url: publicish.url('/start.xml'), intervalSeconds: 300, fullText: true, origin: 'chat', createdBy: 't' },
      now,
      now,
    );
    const [report] = await h.pollNext(feed.id);
    expect(report.error).toMatchObject({
      kind: 'blocked',
      message: expect.stringMatching(/^redirected to a refused address: refused: 127\.0\.0\.2/),
    });
    expect(publicish.requestsTo('/start.xml')).toHaveLength(1);
    expect(inside.requests).toEqual([]);
  });

  it('follows only http and https, in the URL given and in redirects', async () => {
    const server = await start();
    h = await makePollHarness();
    for (const url of ['ftp://files.example/feed.xml', 'file:///etc/passwd', 'gopher://x.example/']) {
      await expect(h.add(url), url).rejects.toMatchObject({
        code: 'FEED_BAD_URL',
        message: expect.stringMatching(/^Only http and https feeds/),
      });
    }
    server.route('/to-file', (_req, res) => {
      res.writeHead(301, { location: 'file:///etc/passwd' });
      res.end();
    });
    const feed = await h.add(server.url('/to-file'));
    const [report] = await h.pollNext(feed.id);
    expect(report.error).toEqual({
      kind: 'blocked',
      message: 'redirected to a refused address: only http and https URLs are fetched (got file)',
    });
  });

  it('lets intranet feeds through with FEEDS_ALLOW_PRIVATE_NETWORKS=true', async () => {
    const server = await start();
    h = await makePollHarness({ limits: { allowPrivateNetworks: true } });
    const feed = await h.add(server.url('/feed.xml'));
    const [report] = await h.pollNext(feed.id);
    expect(report).toMatchObject({ outcome: 'ok', added: 1 });
  });

  it('classifies loopback, private, link-local, metadata, mapped and NAT64 addresses as private, and public ones not', () => {
    const private_ = [
      '127.0.0.1',
      '127.9.9.9',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::7f00:1',
      '224.0.0.1',
      'ff02::1',
      'not-an-ip',
    ];
    const public_ = ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'];
    expect(private_.filter((a) => !isPrivateAddress(a))).toEqual([]);
    expect(public_.filter((a) => isPrivateAddress(a))).toEqual([]);
  });
});
