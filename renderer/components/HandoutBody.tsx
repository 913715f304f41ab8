import Markdown from 'react-markdown';
import { Icon } from './Icon';
import type { Handout } from '../../electron/contract/content';

/**
 * A handout's text: its Markdown body, then the "when to call" warning as a boxed callout that
 * stands out on screen and in black and white on paper. Raw HTML in content is never rendered.
 */
export function HandoutBody({ handout, headingLevel = 2 }: { handout: Handout; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="handout-body" lang={handout.lang}>
      <p className="handout-summary">{handout.summary}</p>
      <Markdown skipHtml components={{ h1: 'h2', a: 'span', img: () => null }}>
        {handout.body}
      </Markdown>
      <aside className="handout-warning" role="note" aria-labelledby={`warning-${handout.id}`}>
        <Heading id={`warning-${handout.id}`} className="handout-warning-title">
          <Icon name="warning" /> {handout.warning.title}
        </Heading>
        <Markdown skipHtml components={{ a: 'span', img: () => null }}>
          {handout.warning.body}
        </Markdown>
      </aside>
    </div>
  );
}
