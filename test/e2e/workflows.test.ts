/**
 * Workflows, end to end in headless Chromium on the harness (issue 4): the seed's workflow 2 built
 * through the forms alone (rule picker, forms, conditions builder) and saved, its rows exactly the
 * contract's, validating clean; a workflow built and saved by keyboard alone; axe on the view; no
 * CSP violations.
 */
import type { Locator } from 'playwright-core';
import { WF1_ROWS } from '../core/fixtures/workbooks';
import { openHarness, UI_TIMEOUT_MS, type HarnessPage, e2eSuite } from './harness';

jest.setTimeout(60_000);

const started = e2eSuite();

const SHEET = 'Billing Workflows';

/** The seed's workflow 2 (msp-enrollment.md Step 5), as the contract prescribes its rows. */
const WF2_ROWS = [
  [
    'Workflow 2',
    1,
    'replace-ri-discount',
    'Replace RI discount with public on-demand price when RIs are purchased by any account',
    '{"purchasedBy":"any"}',
  ],
  [
    'Workflow 2',
    2,
    'remove-volume-discounts',
    'Replace free tier usage with the first billable rate',
    '{"mode":"top-rate-free-usage"}',
  ],
  [
    'Workflow 2',
    3,
    'discount',
    'Discount AmazonEC2 by 2% when usage occurs on Tuesdays in us-east-* regions in June, July and August of odd-numbered years',
    '{"percent":2,"when":{"services":["AmazonEC2"],"regions":["us-east-*"],"daysOfWeek":["tue"],"months":[6,7,8],"years":"odd"}}',
  ],
];

/** Rows `from`..`to` (0-based) of a sheet, columns A-E, as the in-memory workbook holds them. */
function sheetRows(h: HarnessPage, from: number, to: number): Promise<unknown[][]> {
  return h.page.evaluate(
    ([sheet, a, b]) => {
      const s = window.mspHarness!.host.model.sheet(sheet)!;
      const out: unknown[][] = [];
      for (let r = a; r <= b; r++) out.push([0, 1, 2, 3, 4].map((c) => s.value(r, c)));
      return out;
    },
    [SHEET, from, to] as const,
  );
}

/** Sheets built, the pane on its Workflows tab. */
async function builtOnWorkflows(): Promise<HarnessPage> {
  const h = await openHarness(started());
  await h.clickButton('Build sheets');
  await h.pane.getByText('Sheets built').waitFor();
  await h.openPaneTab('Workflows');
  await h.pane.getByRole('button', { name: 'New workflow', exact: true }).waitFor();
  return h;
}

/** Adds a step of the rule titled `title` in the open editor; its form. */
async function addStepTo(h: HarnessPage, title: string): Promise<Locator> {
  await h.pane.getByRole('combobox', { name: /Add a step/ }).selectOption({ label: title });
  await h.clickButton('Add step');
  const n = await h.pane.getByRole('list', { name: 'Steps' }).getByRole('listitem').count();
  return h.pane.getByRole('group', { name: `Form of step ${n}` });
}

describe('Workflows', () => {
  it("builds the seed's workflow 2 through the forms alone: the contract's rows, validating clean", async () => {
    const h = await builtOnWorkflows();
    const { pane } = h;
    await h.clickButton('New workflow');
    await pane.getByRole('textbox', { name: 'Workflow name' }).fill('Workflow 2');
    const addStep = (title: string): Promise<Locator> => addStepTo(h, title);

    // 1. Replace RI discount, purchased by any account.
    let form = await addStep('Replace RI discount');
    await form.getByRole('radio', { name: 'Only these accounts' }).check();
    await form.getByRole('radio', { name: 'Any account' }).check();

    // 2. Remove volume discounts: free tier usage.
    form = await addStep('Remove volume discounts');
    await form.getByRole('radio', { name: 'Tiered volume rates, for all usage' }).check();
    await form.getByRole('radio', { name: 'Free tier usage' }).check();

    // 3. Discount, every field filled in afresh: percent, services, regions, Tuesdays, summer, odd years.
    form = await addStep('Discount');
    const fill = async (name: RegExp, text: string): Promise<void> => {
      const box = form.getByRole('textbox', { name });
      await box.fill('');
      await box.fill(text);
    };
    await fill(/^Percent/, '0');
    await form.getByText('must be greater than 0').waitFor();
    await fill(/^Percent/, '2');
    await fill(/^Services/, 'AmazonEC2');
    await fill(/^Regions/, 'us-east');
    await form.getByText(/"us-east" must be a region code/).waitFor();
    await fill(/^Regions/, 'us-east-*');
    const days = form.getByRole('group', { name: /Days of the week/ });
    for (const d of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])
      await days.getByRole('checkbox', { name: d }).uncheck();
    await days.getByRole('checkbox', { name: 'Tue' }).check();
    const months = form.getByRole('group', { name: /Months/ });
    for (const m of ['Jun', 'Jul', 'Aug']) await months.getByRole('checkbox', { name: m }).uncheck();
    for (const m of ['Jun', 'Jul', 'Aug']) await months.getByRole('checkbox', { name: m }).check();
    await form.getByRole('radio', { name: 'Every year' }).check();
    await form.getByRole('radio', { name: 'Odd-numbered years' }).check();
    await expect(form.getByTestId('live-sentence').innerText()).resolves.toBe(WF2_ROWS[2]![3]);

    // The editor, with a form open, has no serious or critical axe violations.
    expect(await h.axe('#pane')).toEqual([]);

    await h.clickButton('Save to the sheet');
    await pane
      .getByText(/Saved "Workflow 2" to rows 2 to 4 of the Billing Workflows sheet/)
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await sheetRows(h, 1, 4)).toEqual([...WF2_ROWS, [null, null, null, null, null]]);
    // The grid shows the same.
    await h.showSheet(SHEET);
    expect(await h.cellText(SHEET, 'A2')).toBe('Workflow 2');
    expect(await h.cellText(SHEET, 'C4')).toBe('discount');
    expect(await h.cellText(SHEET, 'E4')).toBe(WF2_ROWS[2]![4]);

    // The list view, with the saved workflow: no serious or critical axe violations either.
    await pane.getByRole('list', { name: 'Workflows' }).getByText('Workflow 2', { exact: true }).waitFor();
    expect(await h.axe('#pane')).toEqual([]);

    // Validation lists nothing on the Billing Workflows sheet (a subset uses the workflow, as the
    // example's do: an unused workflow is rightly reported).
    await h.typeInCell('Subset Workflows', 'A2', 'Subset 1');
    await h.typeInCell('Subset Workflows', 'B2', 'Workflow 2');
    await h.openPaneTab('Validate');
    await h.clickButton('Validate');
    await h.pane
      .getByText(/^(No problems found\.|No errors,|\d+ errors?,)$/)
      .first()
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await h.waitForNoFinding(SHEET, 'A2');
    expect((await h.findings()).filter((f) => f.startsWith(`${SHEET}!`))).toEqual([]);
    await h.expectNoCspViolations();
  });

  it("walks the procedure's Workflow 1 from empty steps, touching only the fields it needs", async () => {
    const h = await builtOnWorkflows();
    const { pane } = h;
    await h.clickButton('New workflow');
    await pane.getByRole('textbox', { name: 'Workflow name' }).fill('Workflow 1');
    const addStep = (title: string): Promise<Locator> => addStepTo(h, title);
    // A new step assumes nothing: no choice made, nothing flagged yet.
    let form = await addStep('Replace RI discount');
    expect(await form.getByRole('radio', { checked: true }).count()).toBe(0);
    expect(await form.getByText(/required/).count()).toBe(0);
    await form.getByRole('radio', { name: 'Only these accounts' }).check();
    await form.getByRole('textbox', { name: /Purchasing accounts/ }).fill('012345678901');
    form = await addStep('Replace Savings Plan discount');
    await form.getByRole('radio', { name: 'Only these accounts' }).check();
    await form.getByRole('textbox', { name: /Purchasing accounts/ }).fill('012345678901');
    form = await addStep('Remove credits');
    await form.getByRole('checkbox', { name: 'EDP discount' }).check();
    form = await addStep('Uplift');
    await form.getByRole('textbox', { name: /^Percent/ }).fill('3');
    await expect(form.getByTestId('live-sentence').innerText()).resolves.toBe('Uplift the price of all services by 3%');

    await h.clickButton('Save to the sheet');
    await pane
      .getByRole('status')
      .getByText('Saved "Workflow 1" to rows 2 to 5 of the Billing Workflows sheet.')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await sheetRows(h, 1, 4)).toEqual(WF1_ROWS);
    await h.expectNoCspViolations();
  });

  it('creates a workflow and adds, fills in and saves a percent step by keyboard alone', async () => {
    const h = await openHarness(started());
    const { page, pane } = h;
    const isFocused = (l: Locator): Promise<boolean> => l.evaluate((e) => e === document.activeElement);
    /** Presses `key` until `target` has the focus (at most `max` times). */
    const pressUntil = async (target: Locator, key = 'Tab', max = 80): Promise<void> => {
      for (let i = 0; i < max && !(await isFocused(target)); i++) await page.keyboard.press(key);
      if (!(await isFocused(target))) throw new Error(`${key} never reached ${target.toString()}`);
    };

    await pressUntil(pane.getByRole('button', { name: 'Build sheets', exact: true }));
    await page.keyboard.press('Enter');
    await pane.getByText('Sheets built').waitFor();

    // The pane's tabs: back to the selected one, arrow to Workflows, Enter.
    const tabs = pane.getByRole('tablist', { name: 'Enrollment steps' });
    await pressUntil(tabs.getByRole('tab', { selected: true }), 'Shift+Tab');
    await pressUntil(tabs.getByRole('tab', { name: 'Workflows' }), 'ArrowRight', 6);
    await page.keyboard.press('Enter');
    const create = pane.getByRole('button', { name: 'New workflow', exact: true });
    await create.waitFor();
    await pressUntil(create);
    await page.keyboard.press('Enter');

    const name = pane.getByRole('textbox', { name: 'Workflow name' });
    await pressUntil(name);
    await page.keyboard.type('Keyboard');

    // The rule picker (a native select): arrow down to Uplift, a percent rule; Space on Add step.
    const picker = pane.getByRole('combobox', { name: /Add a step/ });
    await pressUntil(picker);
    for (let i = 0; i < 20 && (await picker.inputValue()) !== 'uplift'; i++) await page.keyboard.press('ArrowDown');
    expect(await picker.inputValue()).toBe('uplift');
    await pressUntil(pane.getByRole('button', { name: 'Add step' }));
    await page.keyboard.press('Space');

    const form = pane.getByRole('group', { name: 'Form of step 1' });
    await form.waitFor();
    const percent = form.getByRole('textbox', { name: /^Percent/ });
    await pressUntil(percent);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0');
    await form.getByText('must be greater than 0').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('7.5');
    await pressUntil(form.getByRole('checkbox', { name: 'Sat' }));
    await page.keyboard.press('Space');
    await pressUntil(form.getByRole('radio', { name: 'Every year' }));
    await pressUntil(form.getByRole('radio', { name: 'Even-numbered years' }), 'ArrowDown', 4);
    await expect(form.getByTestId('live-sentence').innerText()).resolves.toBe(
      'Uplift the price of all services by 7.5% when usage occurs on Saturdays in even-numbered years',
    );

    const save = pane.getByRole('button', { name: 'Save to the sheet' });
    await pressUntil(save);
    await page.keyboard.press('Enter');
    await pane
      .getByText(/Saved "Keyboard" to row 2 of the Billing Workflows sheet/)
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await sheetRows(h, 1, 2)).toEqual([
      [
        'Keyboard',
        1,
        'uplift',
        'Uplift the price of all services by 7.5% when usage occurs on Saturdays in even-numbered years',
        '{"percent":7.5,"when":{"daysOfWeek":["sat"],"years":"even"}}',
      ],
      [null, null, null, null, null],
    ]);
    await h.expectNoCspViolations();
  });
});
