import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { HandoutSummary } from '../../../electron/contract/content';
import type { CardPlacement } from './HandoutCard';

/** Up to this many cards are simply laid out; a longer list is virtualized. */
const PLAIN_LIST_MAX = 60;
/** A card's height before it is measured (most are about this tall). */
const ESTIMATED_CARD_PX = 260;
const GAP_PX = 20;

/**
 * The handouts of a topic, all of them, or the suggested ones. A short list is a plain grid. A
 * long one (a clinic library can have thousands in a topic) is virtualized: one column, and only
 * the cards near the visible part of the screen exist, each telling screen readers its place in
 * the whole list.
 */
export function HandoutList({ handouts, card }: { handouts: HandoutSummary[]; card: (h: HandoutSummary, placement?: CardPlacement) => ReactNode }) {
  if (handouts.length <= PLAIN_LIST_MAX) return <ul className="handout-list">{handouts.map((h) => card(h))}</ul>;
  return <VirtualHandoutList handouts={handouts} card={card} />;
}

function VirtualHandoutList({ handouts, card }: { handouts: HandoutSummary[]; card: (h: HandoutSummary, placement?: CardPlacement) => ReactNode }) {
  const list = useRef<HTMLUListElement>(null);
  // The screen body is what scrolls; the list starts some way down it, under the title and chips.
  const scroller = () => list.current?.closest<HTMLElement>('.screen-body') ?? null;
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const body = list.current?.closest<HTMLElement>('.screen-body');
    if (body && list.current) setScrollMargin(list.current.getBoundingClientRect().top - body.getBoundingClientRect().top + body.scrollTop);
  }, []);
  // The virtualizer hands back fresh functions on every scroll by design; nothing here needs memoizing.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: handouts.length,
    getScrollElement: scroller,
    estimateSize: () => ESTIMATED_CARD_PX,
    gap: GAP_PX,
    overscan: 4,
    scrollMargin,
    getItemKey: (index) => handouts[index]!.id,
  });
  const items = virtualizer.getVirtualItems();
  return (
    <ul ref={list} className="handout-list handout-list--virtual" style={{ height: virtualizer.getTotalSize() }} data-count={handouts.length}>
      {items.map((item) =>
        card(handouts[item.index]!, {
          index: item.index,
          setSize: handouts.length,
          top: item.start - virtualizer.options.scrollMargin,
          measure: virtualizer.measureElement,
        }),
      )}
    </ul>
  );
}
