/**
 * A window over a long list of rows of varying height: only the rows in view (plus a few either
 * side) are rendered, and the list's padding stands in for the rest, so the scroll bar and
 * scroll position stay those of the whole list. Heights are measured as rows render; a row not
 * yet measured counts as `estimate`. Written here rather than taken from a library: Fluent's
 * virtualizer (@fluentui/react-virtualizer) is still an alpha package, not a dependency of this
 * project, and it needs IntersectionObserver, which jsdom (the pane tests) lacks.
 */
import { useCallback, useMemo, useReducer, useRef, useState, type UIEvent } from 'react';

export interface VirtualRowsOptions {
  readonly count: number;
  /** The height of a row not yet measured, px (gap included). */
  readonly estimate: number;
  /** The scroller's height when it has no layout (jsdom), px: its CSS max-height. */
  readonly viewport: number;
  /** Rows rendered beyond each edge of the view. */
  readonly overscan: number;
  /** Added to each measured height: the space between rows (their margin). */
  readonly gap: number;
}

export interface VirtualRows<E extends HTMLElement> {
  /** The scroll box: give it `ref` and `onScroll`. */
  readonly scrollerRef: React.RefObject<E | null>;
  readonly onScroll: (event: UIEvent<E>) => void;
  /** The rows to render: `start` (inclusive) to `end` (exclusive). */
  readonly start: number;
  readonly end: number;
  /** Padding above and below the rendered rows, px. */
  readonly padTop: number;
  readonly padBottom: number;
  /** A rendered row's element, for its height (React's callback ref). */
  readonly measure: (index: number, el: HTMLElement | null) => void;
  /** Scrolls the least that shows the whole row (its top, when it is taller than the view). */
  readonly reveal: (index: number) => void;
  /** The row `pages` views below (negative: above) row `index`, clamped to the list. */
  readonly pageFrom: (index: number, pages: number) => number;
}

export function useVirtualRows<E extends HTMLElement>(o: VirtualRowsOptions): VirtualRows<E> {
  const scrollerRef = useRef<E | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const heights = useRef(new Map<number, number>());
  // Bumped when a measured height changes: the offsets are recomputed (O(n), 50,000 rows < 1 ms).
  const [measured, bump] = useReducer((n: number) => n + 1, 0);
  const offsets = useMemo(() => {
    const out = new Float64Array(o.count + 1);
    for (let i = 0; i < o.count; i++) out[i + 1] = out[i]! + (heights.current.get(i) ?? o.estimate);
    return out;
    // `measured` stands for the contents of `heights`.
  }, [o.count, o.estimate, measured]);

  const viewport = (): number => scrollerRef.current?.clientHeight || o.viewport;
  /** The row at this offset from the list's top (the last row for offsets past the end). */
  const rowAt = useCallback(
    (y: number): number => {
      let lo = 0;
      let hi = o.count - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (offsets[mid]! <= y) lo = mid;
        else hi = mid - 1;
      }
      return Math.max(0, lo);
    },
    [offsets, o.count],
  );

  const total = offsets[o.count]!;
  const top = Math.min(scrollTop, Math.max(0, total - viewport()));
  const first = rowAt(top);
  const last = rowAt(top + viewport());
  const start = Math.max(0, first - o.overscan);
  const end = Math.min(o.count, last + 1 + o.overscan);

  const scrollTo = (y: number): void => {
    const el = scrollerRef.current;
    if (el) el.scrollTop = y;
    setScrollTop(y);
  };

  return {
    scrollerRef,
    onScroll: (event) => setScrollTop(event.currentTarget.scrollTop),
    start,
    end,
    padTop: offsets[start]!,
    padBottom: total - offsets[end]!,
    measure: useCallback(
      (index, el) => {
        if (el === null) return;
        const h = el.offsetHeight;
        // 0: no layout (jsdom) or hidden; keep the estimate.
        if (h > 0 && heights.current.get(index) !== h + o.gap) {
          heights.current.set(index, h + o.gap);
          bump();
        }
      },
      [o.gap],
    ),
    reveal: (index) => {
      const view = viewport();
      const current = scrollerRef.current?.scrollTop ?? scrollTop;
      const rowTop = offsets[index]!;
      const rowBottom = offsets[index + 1]!;
      if (rowTop < current) scrollTo(rowTop);
      else if (rowBottom > current + view) scrollTo(Math.min(rowTop, rowBottom - view));
    },
    pageFrom: (index, pages) => {
      const y = offsets[index]! + pages * viewport();
      return y <= 0 ? 0 : y >= total ? o.count - 1 : rowAt(y);
    },
  };
}
