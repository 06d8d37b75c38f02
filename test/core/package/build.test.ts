import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';
import { EnrollmentSchema, type Enrollment } from '../../../src/core/enrollment';
import { buildPackage, canonicalJson, enrollmentSchemaText, PackageError, ticketText } from '../../../src/core/package';
import { listEntries } from '../../../src/core/package/zip-read';
import {
  LATER,
  NOW,
  OPTIONS,
  WORKBOOK_BYTES,
  build,
  enrollmentOf,
  everyRuleSheets,
  everyRuleWorkbook,
  sha256,
  text,
  unzip,
} from './helpers';
import { workbook } from '../fixtures/workbooks';

const FILES = ['workbook.xlsx', 'enrollment.json', 'enrollment.schema.json', 'ticket.txt', 'manifest.json'];

describe('buildPackage', () => {
  it('names the package <msp>-<management account>-<date>.zip', async () => {
    expect((await build()).fileName).toBe('acme-cloud-partners-012345678901-2025-03-14.zip');
  });

  it('holds the five files, in this order, under these names only', async () => {
    const { bytes } = await build();
    expect(listEntries(bytes).map((e) => e.name)).toEqual(FILES);
    expect(Object.keys(unzip(bytes))).toEqual(FILES);
  });

  it('holds the workbook bytes, the enrollment, its schema and the ticket', async () => {
    const enrollment = enrollmentOf(everyRuleWorkbook());
    const files = unzip((await build(enrollment)).bytes);
    expect(files['workbook.xlsx']).toEqual(WORKBOOK_BYTES);
    expect(text(files['enrollment.json'])).toBe(canonicalJson(enrollment));
    expect(EnrollmentSchema.parse(JSON.parse(text(files['enrollment.json'])))).toEqual(enrollment);
    expect(text(files['enrollment.schema.json'])).toBe(enrollmentSchemaText());
    expect(text(files['ticket.txt'])).toBe(ticketText(enrollment));
  });

  it('spells the subsets in retain-discounts parameters as Subset Workflows does (issue 10, item 4)', async () => {
    const sheets = everyRuleSheets();
    // Workflow 4's first step names "Subset 6" as " SUBSET  6": the same subset, spelled otherwise.
    const rows = sheets['Billing Workflows']!.map((r) => [...r]);
    const at = rows.findIndex((r) => r[0] === 'Workflow 4' && r[2] === 'retain-discounts');
    rows[at]![4] = String(rows[at]![4]).replace('"Subset 6"', '" SUBSET  6"');
    const enrollment = enrollmentOf(workbook({ ...sheets, 'Billing Workflows': rows }));
    const files = unzip((await build(enrollment)).bytes);
    const json = JSON.parse(text(files['enrollment.json'])) as Enrollment;
    const retain = json.workflows.flatMap((w) => w.steps).find((st) => st.rule === 'retain-discounts');
    expect(retain?.parameters).toMatchObject({ subsets: ['Subset 6'] });
    expect(text(files['enrollment.json'])).not.toMatch(/SUBSET {2}6/);
    expect(text(files['ticket.txt'])).not.toMatch(/SUBSET {2}6/);
  });

  it('writes a manifest with every file’s size and SHA-256, the time, the tool, the MSP and the source', async () => {
    const { bytes, manifest } = await build(undefined, { source: 'rebuilt-from-values', toolVersion: '9.8.7' });
    const files = unzip(bytes);
    expect(JSON.parse(text(files['manifest.json']))).toEqual(manifest);
    expect(manifest).toEqual({
      packageFormat: 1,
      schemaVersion: 1,
      packagedAt: '2025-03-14T09:26:53.589Z',
      tool: { name: 'msp-enroll', version: '9.8.7' },
      msp: { name: 'Acme Cloud Partners', spotOrgId: '606000000001', managementAccountId: '012345678901' },
      workbookSource: 'rebuilt-from-values',
      files: FILES.slice(0, 4).map((name) => ({
        name,
        size: files[name]!.length,
        sha256: sha256(files[name]!),
      })),
    });
    expect(text(files['manifest.json'])).toBe(canonicalJson(manifest));
  });

  it('stores workbook.xlsx and manifest.json, deflates the others, and dates every entry 1980-01-01 00:00', async () => {
    const { bytes } = await build();
    const entries = listEntries(bytes);
    expect(entries.map((e) => e.method)).toEqual([0, 8, 8, 8, 0]);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const e of entries) {
      const local = e.dataOffset - 30 - e.name.length; // no extra fields
      expect(view.getUint32(local, true)).toBe(0x04034b50);
      expect([view.getUint16(local + 10, true), view.getUint16(local + 12, true)]).toEqual([0x0000, 0x0021]);
      expect(view.getUint16(local + 28, true)).toBe(0); // no extra field (no platform timestamps)
    }
  });

  describe('determinism', () => {
    it('gives the same bytes for the same enrollment, workbook and time', async () => {
      expect((await build()).bytes).toEqual((await build()).bytes);
    });

    it('does not depend on the key order of the enrollment object', async () => {
      const enrollment = enrollmentOf();
      const reordered = reverseKeys(enrollment) as Enrollment;
      expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(enrollment));
      expect((await build(reordered)).bytes).toEqual((await build(enrollment)).bytes);
    });

    it('two packages made at different times differ only inside manifest.json’s packagedAt (and its CRC-32)', async () => {
      const a = (await build(undefined, { now: NOW })).bytes;
      const b = (await build(undefined, { now: LATER })).bytes;
      const fa = unzip(a);
      const fb = unzip(b);
      for (const name of FILES.slice(0, 4)) expect(fb[name]).toEqual(fa[name]);
      const ma = text(fa['manifest.json']);
      const mb = text(fb['manifest.json']);
      expect(mb).toBe(ma.replace('2025-03-14T09:26:53.589Z', '2026-11-02T23:59:59.001Z'));

      // Byte for byte: same length, and every differing byte is in the time or in a CRC-32 field of manifest.json.
      expect(b.length).toBe(a.length);
      const manifest = listEntries(a).find((e) => e.name === 'manifest.json')!;
      const time =
        manifest.dataOffset + Buffer.from(a.subarray(manifest.dataOffset)).indexOf('2025-03-14T09:26:53.589Z');
      const localCrc = manifest.dataOffset - 30 - 'manifest.json'.length + 14;
      const centralCrc = findCentralHeader(a, 'manifest.json') + 16;
      const allowed = (i: number): boolean =>
        (i >= time && i < time + 24) || (i >= localCrc && i < localCrc + 4) || (i >= centralCrc && i < centralCrc + 4);
      const differing = [...a.keys()].filter((i) => a[i] !== b[i]);
      expect(differing.length).toBeGreaterThan(0);
      expect(differing.filter((i) => !allowed(i))).toEqual([]);
    });

    it('gives the same bytes in every time zone (each in a process of its own: TZ is read at start)', async () => {
      const expected = sha256((await build()).bytes);
      const enrollment = canonicalJson(enrollmentOf());
      for (const tz of ['Pacific/Chatham', 'America/St_Johns', 'Asia/Kathmandu']) {
        expect(`${tz} ${buildInTimeZone(tz, enrollment)}`).toBe(`${tz} ${expected}`);
      }
    }, 60_000);
  });

  describe('refuses', () => {
    it('an enrollment that breaks a rule of the contract (which validation would never give)', async () => {
      const e = enrollmentOf();
      const bad = { ...e, accounts: [...(e.accounts ?? []), e.accounts![0]!] };
      const err = await build(bad).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(PackageError);
      expect((err as PackageError).problems.map((p) => p.kind)).toEqual(['revalidation-failed']);
      expect((err as PackageError).message).toMatch(
        /accounts\[6\]\.accountId .*AWS account 012345678901 is listed again/,
      );
    });

    it('an enrollment whose text validation would have trimmed', async () => {
      const e = enrollmentOf();
      const untrimmed = { ...e, msp: { ...e.msp, name: 'Acme Cloud Partners ' } };
      await expect(build(untrimmed)).rejects.toThrow(/first difference at line \d+/);
    });

    it('an object that is not an enrollment', async () => {
      const notOne = { schemaVersion: 1, msp: {} } as unknown as Enrollment;
      await expect(build(notOne)).rejects.toMatchObject({ problems: [{ kind: 'schema-invalid' }] });
    });

    it.each([
      ['an invalid date', { now: new Date(Number.NaN) }],
      ['a year past 9999', { now: new Date('+010000-01-01T00:00:00Z') }],
      ['an empty tool version', { toolVersion: ' ' }],
    ])('%s', async (_, options) => {
      await expect(build(undefined, options)).rejects.toThrow(RangeError);
    });

    it('empty workbook bytes', async () => {
      await expect(buildPackage(enrollmentOf(), new Uint8Array(), OPTIONS)).rejects.toThrow(/workbook is empty/);
    });
  });

  it('only ever writes the five fixed names, whatever the enrollment holds', async () => {
    const e = enrollmentOf();
    const odd = EnrollmentSchema.parse({
      ...e,
      msp: { ...e.msp, name: '../../evil' },
      subsets: e.subsets,
    } satisfies z.input<typeof EnrollmentSchema>);
    const pkg = await build(odd);
    expect(listEntries(pkg.bytes).map((x) => x.name)).toEqual(FILES);
    expect(pkg.fileName).toBe('evil-012345678901-2025-03-14.zip');
  });
});

/** The same value with every object's keys in reverse insertion order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

/** Offset of the central directory header of the named entry. */
function findCentralHeader(zip: Uint8Array, name: string): number {
  const buf = Buffer.from(zip);
  for (
    let at = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    at >= 0;
    at = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 1)
  ) {
    const length = buf.readUInt16LE(at + 28);
    if (buf.toString('utf8', at + 46, at + 46 + length) === name) return at;
  }
  throw new Error(`no central header for ${name}`);
}

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Builds the package of `enrollmentJson` (with the test's options) in a Node process whose time
 * zone is `tz`, running the TypeScript sources through TypeScript's transpiler; returns the
 * package's SHA-256.
 */
function buildInTimeZone(tz: string, enrollmentJson: string): string {
  const script = `
    const fs = require('fs');
    const ts = require('typescript');
    require.extensions['.ts'] = (module, file) => {
      const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: file,
      });
      module._compile(out.outputText, file);
    };
    const { buildPackage } = require('./src/core/package/index.ts');
    const input = JSON.parse(fs.readFileSync(0, 'utf8'));
    buildPackage(input.enrollment, Buffer.from(input.workbook, 'base64'), { ...input.options, now: new Date(input.options.now) })
      .then((p) => process.stdout.write(require('crypto').createHash('sha256').update(p.bytes).digest('hex')));
  `;
  const input = JSON.stringify({
    enrollment: JSON.parse(enrollmentJson),
    workbook: Buffer.from(WORKBOOK_BYTES).toString('base64'),
    options: OPTIONS,
  });
  const r = spawnSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, TZ: tz },
  });
  if (r.status !== 0) throw new Error(`the child process failed: ${r.stderr}`);
  return r.stdout;
}
