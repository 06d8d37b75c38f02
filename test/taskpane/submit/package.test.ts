/**
 * The package made in the pane: distinct names, the SHA-256 of the ZIP, and the "Done
 * when": the pane's enrollment.json is byte for byte the one `msp-enroll package` makes for the
 * same workbook (here examples/enrollment.xlsx, read by the CLI from the file and by the pane
 * through Office.js on the in-memory Excel holding the same cells).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { packageCommand } from '../../../src/cli/package-command';
import { readWorkbookBytes } from '../../../src/cli/xlsx-read';
import { verifyPackage } from '../../../src/core/package';
import type { WorkbookInput } from '../../../src/core/port';
import { officeHost } from '../../../src/excel/host';
import { createMemoryExcel, install } from '../../../src/in-memory-excel';
import { distinctName, makeSubmission, TOOL_VERSION } from '../../../src/taskpane/submit/make-package';

const EXAMPLE = join(__dirname, '../../../examples/enrollment.xlsx');

/** The cells of `workbook` typed into a fresh in-memory Excel (text as text, numbers with their format). */
function loadPort(workbook: WorkbookInput): void {
  const host = createMemoryExcel();
  install(host);
  for (const sheet of workbook.sheets) {
    const s = host.model.addSheet(sheet.name);
    sheet.rows.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (cell === undefined || cell.type === 'empty') return;
        const data = s.ensure(r, c);
        if (cell.type === 'text') {
          data.numberFormat = '@';
          s.enter(r, c, cell.value);
        } else if (cell.type === 'number') {
          data.numberFormat = cell.format ?? 'General';
          s.enter(r, c, cell.value);
        } else if (cell.type === 'boolean') s.enter(r, c, cell.value);
        else if (cell.type === 'error') s.enter(r, c, cell.value);
        else throw new Error(`no date cells expected in the example (${sheet.name} row ${r + 1})`);
      }),
    );
  }
}

describe('distinctName', () => {
  it('adds -2, -3… before .zip when the name is taken', () => {
    const base = 'acme-012345678901-2025-03-14.zip';
    expect(distinctName(base, new Set())).toBe(base);
    expect(distinctName(base, new Set([base]))).toBe('acme-012345678901-2025-03-14-2.zip');
    expect(distinctName(base, new Set([base, 'acme-012345678901-2025-03-14-2.zip']))).toBe(
      'acme-012345678901-2025-03-14-3.zip',
    );
  });
});

describe('the package made in the pane', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'submit-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('has the enrollment.json that msp-enroll package makes for the same workbook', async () => {
    const fileBytes = await readFile(EXAMPLE);
    const out: string[] = [];
    const code = await packageCommand(EXAMPLE, dir, false, { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
    expect({ code, out }).toMatchObject({ code: 0 });
    const [cliZipName] = await readdir(dir);
    const cliZip = unzipSync(new Uint8Array(await readFile(join(dir, cliZipName!))));

    loadPort((await readWorkbookBytes(fileBytes)).workbook);
    const read = await officeHost().readForSubmit!();
    expect(read.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const submission = await makeSubmission(read.enrollment!, read.workbook!, {
      now: new Date('2025-03-14T09:30:00Z'),
      taken: new Set(),
    });
    const paneZip = unzipSync(submission.built.bytes);

    expect(Buffer.from(paneZip['enrollment.json']!).toString('utf8')).toBe(
      Buffer.from(cliZip['enrollment.json']!).toString('utf8'),
    );
    expect(paneZip['ticket.txt']).toEqual(cliZip['ticket.txt']);
    expect(paneZip['enrollment.schema.json']).toEqual(cliZip['enrollment.schema.json']);
    expect(submission.built.manifest.workbookSource).toBe('rebuilt-from-values');
    expect(submission.built.manifest.tool.version).toBe(TOOL_VERSION);

    // verify accepts the pane's package, and the log's SHA-256 is the ZIP's.
    const verified = await verifyPackage(submission.built.bytes);
    expect(verified.problems).toEqual([]);
    expect(submission.sha256).toBe(createHash('sha256').update(submission.built.bytes).digest('hex'));
    expect(submission.fileName).toBe(cliZipName!.replace(/\d{4}-\d\d-\d\d\.zip$/, '2025-03-14.zip'));
  });

  it('twice the same day: two packages with two names', async () => {
    loadPort((await readWorkbookBytes(await readFile(EXAMPLE))).workbook);
    const read = await officeHost().readForSubmit!();
    const taken = new Set<string>();
    const first = await makeSubmission(read.enrollment!, read.workbook!, {
      now: new Date('2025-03-14T09:00:00Z'),
      taken,
    });
    taken.add(first.fileName);
    const second = await makeSubmission(read.enrollment!, read.workbook!, {
      now: new Date('2025-03-14T10:00:00Z'),
      taken,
    });
    expect(second.fileName).not.toBe(first.fileName);
    expect(second.fileName).toBe(first.fileName.replace(/\.zip$/, '-2.zip'));
    expect(second.sha256).not.toBe(first.sha256); // packagedAt differs
  });
});
