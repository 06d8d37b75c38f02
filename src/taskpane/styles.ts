/** Layout shared by the views: a section of stacked blocks, a row of actions, and lists. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useViewStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  /** A plain bulleted list of sentences. */
  bullets: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  /** A list of items that carry their own structure (findings, problems). */
  items: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  /** Read by screen readers, not shown. */
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  /** An icon beside its text. */
  labelled: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});
