#!/usr/bin/env node
// `npm run bench:findings`: the Validate view's findings list at 50,000 findings (issue 10, item 6).
//
// In jsdom (no layout: rows keep their estimated height, as in the pane tests), with React 19
// and Fluent as the pane runs them: FindingsList rendered with 50,000 findings (one group of
// 50,000, then ten groups of 5,000), then scrolled to 200 positions, then End pressed on the first
// row. Prints wall and CPU milliseconds of each, the list items in the DOM, and the targets.
// jsdom measures the script and React work that virtualization bounds; a browser adds the
// layout and paint of the few rows in the DOM.
'use strict';

require('./ts-require');
const { JSDOM } = require('jsdom');

const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', {
  pretendToBeVisual: true,
  url: 'http://localhost/',
});
// The window's globals; its own Event classes over Node's, which jsdom's dispatchEvent refuses.
for (const key of Object.getOwnPropertyNames(dom.window)) {
  if (!(key in globalThis) || /Event(Target)?$/.test(key)) globalThis[key] = dom.window[key];
}
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

const React = require('react');
const { act } = React;
const { createRoot } = require('react-dom/client');
const { FluentProvider, webLightTheme } = require('@fluentui/react-components');
const { issue, place } = require('../src/core/findings');
const { FindingsList } = require('../src/taskpane/FindingsList');

const COUNT = 50_000;
const SCROLLS = 200;
// Scrolling: the median within a 60 Hz frame; the 95th percentile within the 50 ms of a "long task".
const TARGETS = { renderMs: 500, scrollMedianMs: 16, scrollP95Ms: 50, endMs: 50, rows: 20 };

/** Wall and CPU milliseconds of `fn`. */
function timed(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

const findingsIn = (sheets) =>
  Array.from({ length: COUNT }, (_, i) =>
    place(issue('subset-unknown', { subset: `Subset ${i}` }), sheets[i % sheets.length], `D${i + 2}`),
  );

const actions = { onSelect: () => {}, onFix: () => {}, fixing: false };
const items = () => document.querySelectorAll('li').length;
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const median = (xs) => quantile(xs, 0.5);
const verdict = (ok) => (ok ? 'met' : 'MISSED');
const line = (label, figure, target, ok) =>
  console.log(`  ${label.padEnd(46)} ${figure.padStart(24)}   target ${target.padEnd(10)} ${verdict(ok)}`);
const ms = (t) => `${t.wall.toFixed(1)} ms (CPU ${t.cpu.toFixed(1)})`;

function bench(label, sheets) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const findings = findingsIn(sheets);
  const render = timed(() =>
    act(() =>
      root.render(
        React.createElement(
          FluentProvider,
          { theme: webLightTheme },
          React.createElement(FindingsList, { findings, ...actions }),
        ),
      ),
    ),
  );
  const lists = container.querySelectorAll('ul[aria-label]');
  console.log(`\n${label}: ${lists.length} list(s)`);
  line('first render', ms(render), `<= ${TARGETS.renderMs} ms`, render.wall <= TARGETS.renderMs);
  const perList = Math.max(...[...lists].map((l) => l.querySelectorAll('li').length));
  line(
    'list items in the DOM (most in one list)',
    `${items()} (${perList})`,
    `<= ${TARGETS.rows}`,
    perList <= TARGETS.rows,
  );

  // Scrolling the first list's box to SCROLLS positions spread over it.
  const list = lists[0];
  const scroller = list.parentElement;
  const rows = list.querySelectorAll('li').length;
  const setSize = Number(list.querySelector('li').getAttribute('aria-setsize'));
  const walls = [];
  const cpus = [];
  let worst = 0;
  for (let k = 1; k <= SCROLLS; k++) {
    const t = timed(() =>
      act(() => {
        scroller.scrollTop = Math.floor((k / SCROLLS) * setSize) * 96;
        scroller.dispatchEvent(new window.Event('scroll'));
      }),
    );
    walls.push(t.wall);
    cpus.push(t.cpu);
    worst = Math.max(worst, list.querySelectorAll('li').length);
  }
  const last = list.querySelector('li:last-child').getAttribute('aria-posinset');
  line(
    `scroll, median of ${SCROLLS}`,
    `${median(walls).toFixed(1)} ms (CPU ${median(cpus).toFixed(1)})`,
    `<= ${TARGETS.scrollMedianMs} ms`,
    median(walls) <= TARGETS.scrollMedianMs,
  );
  line(
    `scroll, 95th percentile of ${SCROLLS}`,
    `${quantile(walls, 0.95).toFixed(1)} ms (CPU ${quantile(cpus, 0.95).toFixed(1)})`,
    `<= ${TARGETS.scrollP95Ms} ms`,
    quantile(walls, 0.95) <= TARGETS.scrollP95Ms,
  );
  console.log(`  (slowest scroll ${Math.max(...walls).toFixed(1)} ms, CPU ${Math.max(...cpus).toFixed(1)}: no target)`);
  console.log(
    `  (items in the list while scrolling: at most ${worst}, at first ${rows}; last row shown: ${last} of ${setSize})`,
  );

  // Scrolling as a wheel does: 3 rows a step, from the top (the rows still in view are kept).
  const wheel = [];
  const wheelCpu = [];
  for (let k = 0; k <= SCROLLS; k++) {
    const t = timed(() =>
      act(() => {
        scroller.scrollTop = k * 3 * 96;
        scroller.dispatchEvent(new window.Event('scroll'));
      }),
    );
    if (k > 0) {
      wheel.push(t.wall);
      wheelCpu.push(t.cpu);
    }
  }
  line(
    `wheel scroll (3 rows a step), median of ${SCROLLS}`,
    `${median(wheel).toFixed(1)} ms (CPU ${median(wheelCpu).toFixed(1)})`,
    `<= ${TARGETS.scrollMedianMs} ms`,
    median(wheel) <= TARGETS.scrollMedianMs,
  );
  // End on the first row: focus on the last finding.
  act(() => {
    scroller.scrollTop = 0;
    scroller.dispatchEvent(new window.Event('scroll'));
  });
  const first = list.querySelector('li');
  act(() => first.focus());
  const end = timed(() =>
    act(() => {
      first.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    }),
  );
  const at = document.activeElement.getAttribute('aria-posinset');
  line(
    `End key to the last row (focus on ${at} of ${setSize})`,
    ms(end),
    `<= ${TARGETS.endMs} ms`,
    end.wall <= TARGETS.endMs && at === String(setSize),
  );
  act(() => root.unmount());
  container.remove();
}

console.log(
  `bench:findings — FindingsList with ${COUNT.toLocaleString('en')} findings, jsdom (no layout), Node ${process.version}`,
);
console.log('  (wall and CPU milliseconds; on a shared machine wall time varies with the load)');
bench(`${COUNT.toLocaleString('en')} findings of one kind on one sheet`, ['Accounts']);
bench(
  `${COUNT.toLocaleString('en')} findings in ten groups of ${(COUNT / 10).toLocaleString('en')}`,
  Array.from({ length: 10 }, (_, i) => `Sheet ${i + 1}`),
);
