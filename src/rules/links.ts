import { z } from 'zod';
import { domainAllowed, LINK, linkDomain, splitTrailingPunctuation } from './support/links.js';
import { defineRule } from './types.js';

export default defineRule({
  name: 'links',
  description: 'Drop messages with links, strip the links out, or shorten each link to its domain.',
  options: z
    .object({
      action: z
        .enum(['drop', 'strip', 'keep-domain'])
        .default('drop')
        .describe('drop: drop the message; strip: remove the links (a message left empty is dropped); keep-domain: replace each link with its domain.'),
      allow: z
        .array(z.string().trim().min(1))
        .default([])
        .describe('Domains whose links stay as they are, subdomains included (e.g. the channel\'s own site).'),
    })
    .strict(),
  *apply(messages, o, report) {
    const allowed = new Set(o.allow.map((d) => d.toLowerCase().replace(/^www\./, '')));
    for (const m of messages) {
      let found = false;
      const text = m.text.replace(LINK, (match) => {
        const [link, tail] = splitTrailingPunctuation(match);
        const domain = linkDomain(link);
        if (domainAllowed(domain, allowed)) return match;
        found = true;
        if (o.action === 'keep-domain') return domain + tail;
        return tail; // strip (and drop, which discards the text anyway)
      });
      if (!found) {
        yield m;
        continue;
      }
      const stripped = o.action === 'strip' ? text.replace(/ {2,}/g, ' ').trim() : text;
      if (o.action === 'drop' || stripped === '') {
        report.dropped++;
      } else {
        report.edited++;
        yield { ...m, text: stripped };
      }
    }
  },
});
