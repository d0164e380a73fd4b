/** Feed documents for the tests, in each format the poller reads. */
export interface DocItem {
  guid?: string;
  link?: string;
  title: string;
  text: string;
  date?: string;
  author?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * About a hundred words of prose about `subject`, different for each seed, so items are not
 * teasers and never duplicates of each other.
 */
export function prose(subject: string, seed = 1): string {
  const lines = [
    `${subject} was the subject of talks in the capital on day ${seed}, officials said on Tuesday.`,
    `Delegations from both governments met for ${seed + 2} hours to discuss ${subject.toLowerCase()}, according to a joint statement released after the meeting.`,
    `The statement said the two sides agreed to set up a working group that would report back within ${seed + 30} days with concrete proposals.`,
    `Critics said the plan lacked detail and that similar efforts in the past had produced little, while supporters called it a first step.`,
    `Observers noted that the meeting was the ${seed}th of its kind this year and that a further round is planned for next month in the northern city.`,
  ];
  return lines.join(' ');
}

export function rss2(title: string, items: DocItem[], extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${esc(title)}</title><link>https://wire.example/</link><description>d</description>${extra}
${items.map((i) => `<item><title>${esc(i.title)}</title>${i.link ? `<link>${esc(i.link)}</link>` : ''}${i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : ''}${i.date ? `<pubDate>${new Date(i.date).toUTCString()}</pubDate>` : ''}${i.author ? `<dc:creator>${esc(i.author)}</dc:creator>` : ''}<description>${esc(i.text)}</description></item>`).join('\n')}
</channel></rss>`;
}

export function rdf(title: string, items: DocItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>${esc(title)}</title><link>https://rdf.example/</link><description>d</description></channel>
${items.map((i) => `<item rdf:about="${esc(i.link ?? '')}"><title>${esc(i.title)}</title><link>${esc(i.link ?? '')}</link><description>${esc(i.text)}</description>${i.date ? `<dc:date>${i.date}</dc:date>` : ''}${i.author ? `<dc:creator>${esc(i.author)}</dc:creator>` : ''}</item>`).join('\n')}
</rdf:RDF>`;
}

export function atom(title: string, items: DocItem[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(title)}</title><id>urn:atom-desk</id><updated>2026-03-01T00:00:00Z</updated>
${items.map((i) => `<entry><title>${esc(i.title)}</title><id>${esc(i.guid ?? i.link ?? '')}</id>${i.link ? `<link href="${esc(i.link)}"/>` : ''}<updated>${i.date ?? '2026-03-01T00:00:00Z'}</updated>${i.author ? `<author><name>${esc(i.author)}</name></author>` : ''}<content type="html">${esc(`<p>${i.text}</p>`)}</content></entry>`).join('\n')}
</feed>`;
}

export function jsonFeed(title: string, items: DocItem[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: 'https://json.example/',
    items: items.map((i) => ({
      id: i.guid ?? i.link,
      url: i.link,
      title: i.title,
      content_html: `<p>${esc(i.text)}</p>`,
      date_published: i.date,
      authors: i.author ? [{ name: i.author }] : undefined,
    })),
  });
}

/** Nested internal entities: ten to the ninth "lol"s if a parser expanded them. */
export const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title><link>https://x.example/</link><description>d</description>
<item><title>&lol9;</title><guid>laugh-1</guid><description>&lol9; &lol9; &lol9;</description></item>
</channel></rss>`;

/** An external entity naming a local file: a parser that resolved it would put the file into an article. */
export function xxe(path: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY secret SYSTEM "file://${path}"> ]>
<rss version="2.0"><channel><title>XXE</title><link>https://x.example/</link><description>d</description>
<item><title>Leak</title><guid>xxe-1</guid><description>The file says: &secret;</description></item>
</channel></rss>`;
}
