/**
 * Turns plain user terms into an FTS5 MATCH expression that cannot be misread as query syntax.
 *
 * Each term becomes a quoted string ("" doubling any quote inside), and the strings are joined with
 * OR. Inside quotes FTS5 treats AND/OR/NOT, *, ^, :, -, and parentheses as ordinary text that the
 * tokenizer then drops or splits, so user text never reaches the query language.
 */
export function quoteFtsTerm(term: string): string {
  // Control characters become spaces (word breaks, as the tokenizer would read them): a NUL would
  // end the string inside SQLite's query parser ("unterminated string").
  return `"${term.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/"/g, '""')}"`;
}

/**
 * The MATCH expression for "any of these terms", or undefined when no term holds a letter or
 * digit (a query of only punctuation matches nothing, and FTS5 would reject an empty phrase list).
 */
export function ftsAnyOf(terms: readonly string[]): string | undefined {
  const usable = [...new Set(terms.map((t) => t.trim()).filter((t) => /[\p{L}\p{N}]/u.test(t)))];
  if (usable.length === 0) return undefined;
  return usable.map(quoteFtsTerm).join(' OR ');
}
