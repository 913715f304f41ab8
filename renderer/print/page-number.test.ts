import { describe, expect, it } from 'vitest';
import { pageNumberRule } from './page-number';

describe('pageNumberRule', () => {
  it('numbers pages in the words of the language, at the bottom right', () => {
    expect(pageNumberRule('{{page}} of {{pages}}', 'ltr')).toBe('@page handout { @bottom-right { content: counter(page) " of " counter(pages); } }');
    expect(pageNumberRule('Página {{page}} de {{pages}}', 'ltr')).toBe(
      '@page handout { @bottom-right { content: "Página " counter(page) " de " counter(pages); } }',
    );
  });

  it('puts the number at the bottom left in a right-to-left language', () => {
    expect(pageNumberRule('{{page}} / {{pages}}', 'rtl')).toBe('@page handout { @bottom-left { content: counter(page) " / " counter(pages); } }');
  });

  it('escapes quotes and backslashes, so a strings file cannot end the rule', () => {
    expect(pageNumberRule('{{page}} "} body { display: none } \\ {{pages}}', 'ltr')).toBe(
      '@page handout { @bottom-right { content: counter(page) " \\"} body { display: none } \\\\ " counter(pages); } }',
    );
  });
});
