/**
 * Styles and classes that keep text from readers while a model reading the page still gets it:
 * the usual hiding place of instructions planted for AI crawlers and summarisers. Text inside such
 * elements is not article text, so the HTML readers leave it out (and say how much).
 */
const HIDING_STYLE =
  /display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:;|!|$)|opacity\s*:\s*0(?:\.0+)?\s*(?:;|!|$)|(?:left|top|text-indent)\s*:\s*-\d{3,}/i;
const HIDING_CLASS =
  /(?:^|\s)(?:hidden|sr-only|visually-hidden|visuallyhidden|screen-reader-text|off-?screen)(?:\s|$)/i;

/** Whether an element with these attributes is hidden from readers. */
export function hiddenByAttributes(attr: (name: string) => string | null | undefined): boolean {
  return (
    attr('hidden') != null ||
    attr('aria-hidden') === 'true' ||
    HIDING_STYLE.test(attr('style') ?? '') ||
    HIDING_CLASS.test(attr('class') ?? '')
  );
}

interface ElementLike {
  getAttribute(name: string): string | null;
  remove(): void;
}

/**
 * Removes the hidden elements of a document before article extraction (Readability drops class
 * and style attributes, after which hidden text can no longer be told apart). Returns how many.
 */
export function removeHidden(document: { querySelectorAll(selector: string): ArrayLike<ElementLike> }): number {
  const all = document.querySelectorAll('[hidden], [aria-hidden], [style], [class]');
  const hidden: ElementLike[] = [];
  for (let i = 0; i < all.length; i++) if (hiddenByAttributes((a) => all[i].getAttribute(a))) hidden.push(all[i]);
  for (const el of hidden) el.remove();
  return hidden.length;
}
