/** Discord's message limits (discord-api-docs, message resource); over any of them the API answers 400. */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Title + description + field names/values + footer + author name, summed over a message's embeds. */
  totalPerMessage: 6000,
  commandName: 32,
  commandDescription: 100,
  optionsPerCommand: 25,
  choices: 25,
  choiceText: 100,
  optionStringLength: 6000,
} as const;

/** What a limit check looks at: the parts of a message body that have limits. */
export interface MessageBody {
  content?: string;
  embeds?: {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
    footer?: { text: string };
    author?: { name: string };
  }[];
}

/** The characters of one embed that count towards the 6,000 total. */
export function embedChars(e: NonNullable<MessageBody['embeds']>[number]): number {
  const fields = (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    fields +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0)
  );
}

/** Every limit a message breaks, as readable strings; empty when Discord would accept it. */
export function limitViolations(m: MessageBody): string[] {
  const out: string[] = [];
  const embeds = m.embeds ?? [];
  if ((m.content?.length ?? 0) > LIMITS.content) out.push(`content ${m.content!.length} > ${LIMITS.content}`);
  if (!m.content && embeds.length === 0) out.push('empty message');
  if (embeds.length > LIMITS.embedsPerMessage) out.push(`${embeds.length} embeds > ${LIMITS.embedsPerMessage}`);
  let total = 0;
  embeds.forEach((e, i) => {
    if ((e.title?.length ?? 0) > LIMITS.title) out.push(`embed ${i} title ${e.title!.length}`);
    if ((e.description?.length ?? 0) > LIMITS.description) out.push(`embed ${i} description ${e.description!.length}`);
    if ((e.fields?.length ?? 0) > LIMITS.fields) out.push(`embed ${i} has ${e.fields!.length} fields`);
    for (const f of e.fields ?? []) {
      if (f.name.length > LIMITS.fieldName || f.value.length > LIMITS.fieldValue) out.push(`embed ${i} field too long`);
    }
    if ((e.footer?.text.length ?? 0) > LIMITS.footer) out.push(`embed ${i} footer ${e.footer!.text.length}`);
    total += embedChars(e);
  });
  if (total > LIMITS.totalPerMessage) out.push(`embeds total ${total} > ${LIMITS.totalPerMessage}`);
  return out;
}
