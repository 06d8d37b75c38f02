/**
 * A subset's waterfall: an SVG of the before total, each step's change and the final total, and
 * the same numbers as a table (what a screen reader reads; the SVG is one labelled image).
 * Written here rather than taken from a chart library: @fluentui/react-charting is not installed,
 * and the charting packages that would fit (a few hundred kB with d3) would weigh more than the
 * whole pane for one kind of bar chart. Colours are Fluent tokens, so Office's dark theme (a
 * dark FluentProvider theme) recolours it; ups and downs also differ by pattern of text (+/-) in
 * the table, not by colour alone.
 */
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId } from 'react';
import type { StepInfo, SubsetPreview } from '../../core/preview/runner';
import { finalOf, money, signedMoney } from './money-text';
import { waterfallLayout, type BarKind } from './waterfall-geometry';

const useStyles = makeStyles({
  svg: { width: '100%', maxWidth: '480px', height: 'auto', display: 'block' },
  total: { fill: tokens.colorBrandBackground },
  up: { fill: tokens.colorPaletteRedBackground3 },
  down: { fill: tokens.colorPaletteGreenBackground3 },
  none: { fill: tokens.colorNeutralStroke1 },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1 },
  label: { fill: tokens.colorNeutralForeground2, fontSize: '9px', fontFamily: tokens.fontFamilyBase },
  table: { tableLayout: 'auto' },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
});

const EXACTNESS: Record<StepInfo['exactness'], string> = {
  exact: 'exact',
  approximate: 'approximate',
  'not-computed': 'not computed',
};

export function Waterfall({ subset, steps }: { subset: SubsetPreview; steps: readonly StepInfo[] }) {
  const styles = useStyles();
  const titleId = useId();
  const stages = [subset.before, ...subset.after];
  const layout = waterfallLayout(stages);
  const labels = ['Before', ...steps.map((s) => `Step ${s.step}`), 'Final'];
  const fill: Record<BarKind, string> = { total: styles.total, up: styles.up, down: styles.down, none: styles.none };
  const caption = `Charges of ${subset.subset}, step by step`;
  return (
    <>
      <svg
        className={styles.svg}
        role="img"
        aria-labelledby={titleId}
        viewBox={`0 0 ${layout.width} ${layout.height + 14}`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={titleId}>
          {caption}: before {money(subset.before)}, final {money(finalOf(subset))}
        </title>
        <line className={styles.axis} x1={0} x2={layout.width} y1={layout.zeroY} y2={layout.zeroY} />
        {layout.bars.map((b, i) => (
          <g key={i}>
            <rect className={fill[b.kind]} x={b.x} y={b.y} width={b.width} height={b.height} />
            <text className={styles.label} x={b.x + b.width / 2} y={layout.height + 10} textAnchor="middle">
              {labels[i]}
            </text>
          </g>
        ))}
      </svg>
      <Table size="extra-small" className={styles.table} aria-label={caption}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Stage</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Change</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Charge</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableRow>
            <TableCell>Before</TableCell>
            <TableCell className={styles.number} />
            <TableCell className={styles.number}>{money(subset.before)}</TableCell>
          </TableRow>
          {steps.map((s, k) => {
            const previous = k === 0 ? subset.before : subset.after[k - 1]!;
            const after = subset.after[k] ?? previous;
            return (
              <TableRow key={s.step}>
                <TableCell>
                  {s.step}. {s.sentence} ({EXACTNESS[s.exactness]})
                </TableCell>
                <TableCell className={styles.number}>{signedMoney(after - previous)}</TableCell>
                <TableCell className={styles.number}>{money(after)}</TableCell>
              </TableRow>
            );
          })}
          <TableRow>
            <TableCell>Final</TableCell>
            <TableCell className={styles.number}>{signedMoney(subset.difference)}</TableCell>
            <TableCell className={styles.number}>{money(subset.final)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </>
  );
}
