/**
 * The @page rule that numbers a handout's pages ("1 of 2") in its language: a margin box cannot
 * read the strings files, so PrintPage writes the rule from `print.pageNumber`. The number sits
 * at the bottom corner where lines end: right, or left in a right-to-left language.
 */
export function pageNumberRule(template: string, dir: 'ltr' | 'rtl'): string {
  const content = template
    .split(/(\{\{pages?\}\})/)
    .filter(Boolean)
    .map((piece) => (piece === '{{page}}' ? 'counter(page)' : piece === '{{pages}}' ? 'counter(pages)' : cssString(piece)))
    .join(' ');
  return `@page handout { @bottom-${dir === 'rtl' ? 'left' : 'right'} { content: ${content}; } }`;
}

/** A CSS string literal: backslashes, quotes and line ends escaped, so strings cannot break out. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r]/g, ' ')}"`;
}
