/**
 * The checks Discord's API makes before accepting a message or a command, so the stand-in answers
 * 400 "Invalid Form Body" (50035) where Discord would. Written from discord-api-docs (message and
 * application command resources), independently of the bot's own limits module.
 */
export function messageProblems(body: any): string[] {
  const out: string[] = [];
  if (!body || typeof body !== 'object') return ['body must be a JSON object'];
  const embeds: any[] = body.embeds ?? [];
  if ((body.content ?? '').length > 2000) out.push('content: Must be 2000 or fewer in length.');
  if (embeds.length > 10) out.push('embeds: Must be 10 or fewer in length.');
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const fields: any[] = e.fields ?? [];
    if ((e.title ?? '').length > 256) out.push(`embeds.${i}.title: Must be 256 or fewer in length.`);
    if ((e.description ?? '').length > 4096) out.push(`embeds.${i}.description: Must be 4096 or fewer in length.`);
    if (fields.length > 25) out.push(`embeds.${i}.fields: Must be 25 or fewer in length.`);
    for (const f of fields)
      if (f.name.length > 256 || f.value.length > 1024) out.push(`embeds.${i}.fields: field too long.`);
    if ((e.footer?.text ?? '').length > 2048) out.push(`embeds.${i}.footer.text: Must be 2048 or fewer in length.`);
    if (e.url !== undefined && !/^https?:\/\//.test(e.url)) out.push(`embeds.${i}.url: Not a well formed URL.`);
    total +=
      (e.title ?? '').length +
      (e.description ?? '').length +
      (e.footer?.text ?? '').length +
      (e.author?.name ?? '').length;
    total += fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  if (total > 6000) out.push('embeds: Embed size exceeds maximum size of 6000');
  return out;
}

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function optionProblems(options: any[], where: string): string[] {
  const out: string[] = [];
  if (options.length > 25) out.push(`${where}.options: Must be 25 or fewer in length.`);
  let seenOptional = false;
  for (const [i, o] of options.entries()) {
    const at = `${where}.options.${i}`;
    if (!NAME.test(o.name) || o.name !== o.name.toLowerCase()) out.push(`${at}.name: Invalid name.`);
    if (!o.description || o.description.length > 100)
      out.push(`${at}.description: Must be between 1 and 100 in length.`);
    if (o.type === 1 || o.type === 2) {
      out.push(...optionProblems(o.options ?? [], at));
      continue;
    }
    if (o.required && seenOptional) out.push(`${at}: Required options must be placed before non-required options.`);
    if (!o.required) seenOptional = true;
    if (o.autocomplete && o.choices?.length) out.push(`${at}: Autocomplete cannot be set with choices.`);
    if ((o.choices ?? []).length > 25) out.push(`${at}.choices: Must be 25 or fewer in length.`);
    if (o.max_length !== undefined && (o.max_length < 1 || o.max_length > 6000))
      out.push(`${at}.max_length: out of range.`);
  }
  return out;
}

export function commandProblems(body: any): string[] {
  const out: string[] = [];
  if (!NAME.test(body?.name ?? '') || body.name !== body.name.toLowerCase()) out.push('name: Invalid name.');
  if (!body?.description || body.description.length > 100)
    out.push('description: Must be between 1 and 100 in length.');
  out.push(...optionProblems(body?.options ?? [], ''));
  if (body?.default_member_permissions != null && !/^\d+$/.test(body.default_member_permissions))
    out.push('default_member_permissions: Not a bitfield.');
  return out;
}
