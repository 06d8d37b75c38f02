import {
  canonicalJson,
  enrollmentToWorkbook,
  isUnsafeEntryName,
  PROBLEMS,
  verifyPackage,
  type ProblemKind,
  type VerifyOptions,
  type VerifyResult,
} from '../../../src/core/package';
import type { WorkbookInput } from '../../../src/core/port';
import { validWorkbook, withSheet, setCell } from '../fixtures/workbooks';
import {
  build,
  bytesOf,
  dirtyWorkbook,
  enrollmentOf,
  rawZip,
  replace,
  tamper,
  text,
  unzip,
  WORKBOOK_BYTES,
  zip,
} from './helpers';

/** The kinds every test below produced: all of them must be (see the last test). */
const seen = new Set<ProblemKind>();

async function verify(bytes: Uint8Array, options?: VerifyOptions): Promise<VerifyResult> {
  const result = await verifyPackage(bytes, options);
  for (const p of result.problems) seen.add(p.kind);
  return result;
}

/** `kind file` of each problem, in order. */
const summary = (r: VerifyResult): string[] => r.problems.map((p) => `${p.kind} ${p.file ?? '-'}`);

const pkg = async (): Promise<Uint8Array> => (await build()).bytes;

/** Replaces the first occurrence of `from` in a text entry. */
const edit = (name: string, from: string, to: string) =>
  replace(name, (old) => {
    const t = text(old);
    if (!t.includes(from)) throw new Error(`${name} does not contain ${from}`);
    return bytesOf(t.replace(from, to));
  });

describe('verifyPackage', () => {
  it('passes a package as built, and returns its manifest and enrollment', async () => {
    const built = await build();
    const r = await verify(built.bytes);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.manifest).toEqual(built.manifest);
    expect(canonicalJson(r.enrollment)).toBe(canonicalJson(enrollmentOf()));
  });

  describe('a package edited after the fact', () => {
    it('names enrollment.json when its bytes changed (same size): hash mismatch', async () => {
      const r = await verify(tamper(await pkg(), edit('enrollment.json', '111111111111', '111111111112')));
      expect(summary(r)).toEqual(['hash-mismatch enrollment.json']);
      expect(r.problems[0]!.message).toMatch(
        /^enrollment\.json does not match its SHA-256 in manifest\.json \([0-9a-f]{64}, expected [0-9a-f]{64}\): it was changed after packaging/,
      );
      expect(r.ok).toBe(false);
    });

    it('names the file whose size changed: size mismatch', async () => {
      const r = await verify(
        tamper(
          await pkg(),
          replace('workbook.xlsx', (old) => new Uint8Array([...old, 0x20])),
        ),
      );
      expect(summary(r)).toEqual(['size-mismatch workbook.xlsx']);
      const size = WORKBOOK_BYTES.length;
      expect(r.problems[0]!.message).toBe(
        `workbook.xlsx is ${size + 1} bytes, but manifest.json says ${size}: it was changed after packaging; package the workbook again.`,
      );
    });

    it('names an edited ticket twice: its hash, and that it no longer says what enrollment.json does', async () => {
      const r = await verify(tamper(await pkg(), edit('ticket.txt', 'Subset 1 : Workflow 1', 'Subset 1 : Workflow 2')));
      expect(summary(r)).toEqual(['hash-mismatch ticket.txt', 'derived-file-mismatch ticket.txt']);
    });

    it('names the file whose hash was changed in manifest.json', async () => {
      const r = await verify(
        tamper(await pkg(), () => undefined, {
          manifest: (m) => {
            m.files[0]!.sha256 = '0'.repeat(64);
          },
        }),
      );
      expect(summary(r)).toEqual(['hash-mismatch workbook.xlsx']);
    });

    it('names a file that was removed', async () => {
      const r = await verify(tamper(await pkg(), (entries) => entries.filter(([name]) => name !== 'ticket.txt')));
      expect(summary(r)).toEqual(['missing-file ticket.txt']);
      expect(r.problems[0]!.message).toBe('The package has no ticket.txt.');
    });

    it('without manifest.json, cannot check hashes but still checks enrollment.json', async () => {
      const r = await verify(tamper(await pkg(), (entries) => entries.filter(([name]) => name !== 'manifest.json')));
      expect(summary(r)).toEqual(['missing-file manifest.json']);
      expect(r.enrollment).not.toBeNull();
    });

    it('finds a damaged entry by its CRC-32', async () => {
      const good = await pkg();
      const files = unzip(good);
      // Store ticket.txt, then flip one byte of its data.
      const bytes = rawZip(Object.entries(files).map(([name, data]) => ({ name, data })));
      const at = Buffer.from(bytes).indexOf('Subset 1 : Workflow 1');
      bytes[at] = 's'.charCodeAt(0);
      const r = await verify(bytes);
      expect(summary(r)).toEqual(['corrupt-entry ticket.txt']);
      expect(r.problems[0]!.message).toBe('ticket.txt cannot be unpacked: its CRC-32 does not match its data.');
    });
  });

  describe('entry names', () => {
    it.each([
      '../evil.txt',
      'sub/../../evil.txt',
      '/etc/cron.d/evil',
      'C:evil.txt',
      'c:/windows/evil.dll',
      'sub\\..\\evil.txt',
      'ticket.txt:hidden',
      'evil\u0000.txt',
      'new\nline.txt',
    ])('refuses %j as unsafe, and names it', async (name) => {
      const r = await verify(tamper(await pkg(), (entries) => [...entries, [name, bytesOf('boo')]]));
      expect(summary(r)).toEqual([`unsafe-entry-name ${name}`]);
      expect(isUnsafeEntryName(name)).toBe(true);
    });

    it.each(['ticket.txt', 'notes.txt', 'docs/readme.txt', 'docs/', './ticket.txt', '..evil', 'a..b/c', 'évil.txt'])(
      'does not call %j unsafe',
      (name) => {
        expect(isUnsafeEntryName(name)).toBe(false);
      },
    );

    it('names an entry that is not one of the five (added after packaging)', async () => {
      const r = await verify(
        tamper(await pkg(), (entries) => [...entries, ['notes.txt', bytesOf('hi')], ['docs/', new Uint8Array()]]),
      );
      expect(summary(r)).toEqual(['unexpected-entry notes.txt', 'unexpected-entry docs/', 'directory-entry docs/']);
    });

    it('names an entry that appears twice', async () => {
      const files = Object.entries(unzip(await pkg())).map(([name, data]) => ({ name, data }));
      const r = await verify(rawZip([...files, { name: 'ticket.txt', data: bytesOf('the other ticket') }]));
      expect(summary(r)).toEqual(['duplicate-entry ticket.txt']);
      expect(r.problems[0]!.message).toMatch(/^ticket\.txt appears 2 times/);
    });

    it('names an entry whose local header gives it another name', async () => {
      const files = Object.entries(unzip(await pkg())).map(([name, data]) => ({ name, data }));
      const r = await verify(
        rawZip(files.map((f) => (f.name === 'ticket.txt' ? { ...f, localName: '../ticket.txt' } : f))),
      );
      expect(summary(r)).toEqual(['unsafe-entry-name ../ticket.txt', 'entry-name-mismatch ticket.txt']);
    });
  });

  describe('entries that are not plain files, and names that mislead', () => {
    const entriesOf = async (): Promise<{ name: string; data: Uint8Array }[]> =>
      Object.entries(unzip(await pkg())).map(([name, data]) => ({ name, data }));

    it('a ticket.txt that is a symbolic link is named, and the package is not valid', async () => {
      const files = await entriesOf();
      const r = await verify(rawZip(files.map((f) => (f.name === 'ticket.txt' ? { ...f, mode: 0o120777 } : f))));
      expect(summary(r)).toEqual(['link-entry ticket.txt']);
      expect(r.ok).toBe(false);
      expect(r.problems[0]!.message).toMatch(/^ticket\.txt is a symbolic link in the package, not a file/);
    });

    it('a directory entry, by Unix mode or by MS-DOS attribute', async () => {
      const files = await entriesOf();
      const r = await verify(
        rawZip([
          ...files,
          { name: 'extra', data: new Uint8Array(), mode: 0o040755 },
          { name: 'more', data: new Uint8Array(), dosAttributes: 0x10 },
        ]),
      );
      expect(summary(r)).toEqual([
        'unexpected-entry extra',
        'unexpected-entry more',
        'directory-entry extra',
        'directory-entry more',
      ]);
    });

    it.each([
      ['executable', 0o100755, '0100755'],
      ['set-user-ID', 0o104644, '0104644'],
      ['a FIFO', 0o010644, '010644'],
    ])('an unusual Unix mode (%s) is named with the mode', async (_label, mode, shown) => {
      const files = await entriesOf();
      const r = await verify(rawZip(files.map((f) => (f.name === 'enrollment.json' ? { ...f, mode } : f))));
      expect(summary(r)).toEqual(['entry-mode enrollment.json']);
      expect(r.problems[0]!.message).toContain(`Unix mode ${shown}`);
    });

    it('plain Unix modes (a package zipped again on Linux) are no problem', async () => {
      const files = await entriesOf();
      const r = await verify(rawZip(files.map((f) => ({ ...f, mode: 0o100644 }))));
      expect(summary(r)).toEqual([]);
    });

    it('names that differ only in case', async () => {
      const files = await entriesOf();
      const r = await verify(rawZip([...files, { name: 'Ticket.txt', data: bytesOf('another ticket') }]));
      expect(summary(r)).toEqual(['unexpected-entry Ticket.txt', 'case-duplicate-entry Ticket.txt']);
      expect(r.problems[1]!.message).toMatch(/both "ticket\.txt" and "Ticket\.txt"/);
    });

    it('a name that is not UTF-8 is named with its bytes, not passed as U+FFFD', async () => {
      const files = await entriesOf();
      const r = await verify(
        rawZip([...files, { name: 'x', nameBytes: Uint8Array.from([0x6e, 0xff, 0x74]), data: bytesOf('?') }]),
      );
      expect(summary(r)).toEqual(['unexpected-entry n\ufffdt', 'entry-name-not-utf8 n\ufffdt']);
      expect(r.problems[1]!.message).toContain('(bytes 6eff74)');
    });

    it('enrollment.json that is not UTF-8 says where', async () => {
      const r = await verify(
        tamper(
          await pkg(),
          replace('enrollment.json', (old) =>
            Uint8Array.from([...old.subarray(0, 40), 0xc3, 0x28, ...old.subarray(42)]),
          ),
        ),
      );
      const problem = r.problems.find((p) => p.kind === 'json-invalid');
      expect(problem?.message).toMatch(/not UTF-8 text \(the first byte that is not is at offset 40, line \d+\)/);
    });

    it('an entry that inflates past the size its header claims stops there (a bomb of 8 MiB claiming 1 KiB)', async () => {
      const r = await verify(
        rawZip([{ name: 'enrollment.json', data: new Uint8Array(8 * 1024 * 1024), claimedSize: 1024, deflate: true }]),
      );
      expect(r.problems.find((p) => p.kind === 'corrupt-entry')?.message).toBe(
        'enrollment.json cannot be unpacked: it unpacks to more than the 1024 bytes the archive records.',
      );
    });

    it('a check that fails unexpectedly is a problem naming it, never an exception', async () => {
      const garbage = { sheets: null } as unknown as WorkbookInput;
      const r = await verify(await pkg(), { readWorkbook: () => Promise.resolve(garbage) });
      expect(summary(r)).toEqual(['check-failed -']);
      expect(r.ok).toBe(false);
      expect(r.problems[0]!.message).toMatch(/^The check of the package could not be completed \(.+\)/);
    });
  });

  describe('manifest.json', () => {
    it.each<[string, (e: [string, Uint8Array][]) => [string, Uint8Array][], RegExp]>([
      ['not JSON', replace('manifest.json', () => bytesOf('{ "files": [')), /it is not valid JSON/],
      ['not UTF-8', replace('manifest.json', () => new Uint8Array([0x7b, 0xff, 0x7d])), /it is not UTF-8 text/],
      [
        'missing a file',
        replace('manifest.json', (m) => {
          const json = JSON.parse(text(m)) as { files: unknown[] };
          json.files.pop();
          return bytesOf(JSON.stringify(json));
        }),
        /files: must list workbook\.xlsx, enrollment\.json, enrollment\.schema\.json, ticket\.txt, each once/,
      ],
      ['an unknown field', edit('manifest.json', '"files"', '"extra": 1, "files"'), /Unrecognized key: "extra"/],
    ])('names a manifest that is %s', async (_, change, reason) => {
      const r = await verify(tamper(await pkg(), change));
      expect(summary(r)).toEqual(['manifest-invalid manifest.json']);
      expect(r.problems[0]!.message).toMatch(reason);
      expect(r.manifest).toBeNull();
    });

    it('names a manifest whose MSP differs from enrollment.json’s', async () => {
      const r = await verify(
        tamper(await pkg(), () => undefined, {
          manifest: (m) => {
            (m['msp'] as Record<string, string>)['managementAccountId'] = '999999999999';
          },
        }),
      );
      expect(summary(r)).toEqual(['manifest-mismatch manifest.json']);
      expect(r.problems[0]!.message).toBe(
        'manifest.json gives msp.managementAccountId as "999999999999", but enrollment.json as "012345678901": one of them was changed after packaging.',
      );
    });
  });

  describe('enrollment.json with valid hashes (rewritten together with the manifest)', () => {
    const rewrite = async (
      change: (e: Record<string, unknown>) => unknown,
      format = canonicalJson,
    ): Promise<VerifyResult> =>
      verify(
        tamper(
          await pkg(),
          replace('enrollment.json', (old) => {
            const json = JSON.parse(text(old)) as Record<string, unknown>;
            return bytesOf(format(change(json) ?? json));
          }),
          { rehash: true },
        ),
      );

    it('re-validates it by the workbook rules: a duplicate account is named, with its place in the file', async () => {
      const r = await rewrite((e) => {
        const accounts = e['accounts'] as unknown[];
        accounts.push(accounts[1]);
      });
      // The ticket counts 6 accounts: it no longer says what enrollment.json does.
      expect(summary(r)).toEqual(['revalidation-failed enrollment.json', 'derived-file-mismatch ticket.txt']);
      const [p] = r.problems;
      expect(p!.message).toBe(
        'enrollment.json breaks a rule of the workbook contract; it: accounts[6].accountId (Accounts!C8 of the workbook it gives): AWS account 111111111111 is listed again (first at C3); an account belongs to one subset only. Delete one of the two rows.',
      );
      expect(p!.findings?.map((f) => f.code)).toEqual(['account-duplicate']);
    });

    it('re-validates cross-references: an end customer on a subset that does not exist', async () => {
      const r = await rewrite((e) => {
        (e['endCustomers'] as Record<string, unknown>[])[0]!['subset'] = 'Subset 9';
      });
      expect(summary(r)).toEqual(['revalidation-failed enrollment.json', 'derived-file-mismatch ticket.txt']);
      expect(r.problems[0]!.findings?.map((f) => f.code)).toEqual(['subset-unknown']);
      expect(r.problems[0]!.message).toContain('endCustomers[0].subset (End Customers!C2 of the workbook it gives)');
    });

    it('checks it against the schema', async () => {
      const r = await rewrite((e) => {
        (e['accounts'] as Record<string, unknown>[])[1]!['accountId'] = 111111111111;
        (e['msp'] as Record<string, unknown>)['fax'] = '555';
      });
      expect(summary(r)).toEqual(['schema-invalid enrollment.json']);
      expect(r.problems[0]!.message).toContain(
        'accounts[1].accountId: Invalid input: expected string, received number',
      );
      expect(r.problems[0]!.message).toContain('msp: Unrecognized key: "fax"');
      expect(r.enrollment).toBeNull();
    });

    it('names a schemaVersion it does not read', async () => {
      const r = await rewrite((e) => ({ ...e, schemaVersion: 2 }));
      expect(summary(r)).toEqual(['schema-version-unsupported enrollment.json']);
      expect(r.problems[0]!.message).toBe(
        'enrollment.json has schemaVersion 2; this version of msp-enroll reads schemaVersion 1 only.',
      );
    });

    it('names JSON that is not as the packager writes it (a valid enrollment, other formatting)', async () => {
      const r = await rewrite(
        (e) => e,
        (v) => JSON.stringify(v),
      );
      expect(summary(r)).toEqual(['enrollment-not-canonical enrollment.json']);
      expect(r.problems[0]!.message).toMatch(/first difference at line 1/);
    });

    it('names text that validation would have trimmed', async () => {
      const r = await rewrite((e) => {
        (e['subsets'] as Record<string, unknown>[])[4]!['name'] = 'Subset 5 ';
        (e['accounts'] as Record<string, unknown>[])[5]!['subset'] = 'Subset 5 ';
      });
      expect(summary(r)).toEqual(['enrollment-not-canonical enrollment.json', 'derived-file-mismatch ticket.txt']);
    });

    it('names enrollment.json that is not JSON at all', async () => {
      const r = await verify(
        tamper(
          await pkg(),
          replace('enrollment.json', () => bytesOf('{"schemaVersion": 1,')),
          { rehash: true },
        ),
      );
      expect(summary(r)).toEqual(['json-invalid enrollment.json']);
    });

    it('names a byte-order mark (the packager writes none)', async () => {
      const r = await verify(
        tamper(
          await pkg(),
          replace('enrollment.json', (old) => new Uint8Array([0xef, 0xbb, 0xbf, ...old])),
          { rehash: true },
        ),
      );
      expect(summary(r)).toEqual(['json-invalid enrollment.json']);
    });
  });

  describe('files derived from enrollment.json', () => {
    it('names a ticket that says something else, even with its hash updated', async () => {
      const r = await verify(
        tamper(await pkg(), edit('ticket.txt', 'Subset 3 : Workflow 2', 'Subset 3 : Workflow 1'), { rehash: true }),
      );
      expect(summary(r)).toEqual(['derived-file-mismatch ticket.txt']);
      expect(r.problems[0]!.message).toBe(
        'ticket.txt is not what msp-enroll writes for this enrollment.json (first difference at line 26).',
      );
    });

    it('says when the package was made by another version of the tool', async () => {
      const r = await verify(
        tamper(await pkg(), edit('ticket.txt', 'Please associate', 'Kindly associate'), { rehash: true }),
        {
          toolVersion: '0.2.0',
        },
      );
      expect(r.problems[0]!.message).toMatch(
        /; the package was made by msp-enroll 0\.1\.0, so its wording may simply differ\.$/,
      );
    });

    it('names a schema that is not the generated one', async () => {
      const r = await verify(
        tamper(await pkg(), edit('enrollment.schema.json', '"minLength": 1', '"minLength": 0'), { rehash: true }),
      );
      expect(summary(r)).toEqual(['derived-file-mismatch enrollment.schema.json']);
    });
  });

  describe('workbook.xlsx, with a reader', () => {
    const reader =
      (make: () => WorkbookInput): NonNullable<VerifyOptions['readWorkbook']> =>
      async () =>
        make();

    it('passes when the workbook gives the enrollment of enrollment.json', async () => {
      expect(summary(await verify(await pkg(), { readWorkbook: reader(validWorkbook) }))).toEqual([]);
      expect(
        summary(await verify(await pkg(), { readWorkbook: reader(() => enrollmentToWorkbook(enrollmentOf())) })),
      ).toEqual([]);
    });

    it('hands the reader the workbook bytes', async () => {
      let given: Uint8Array | null = null;
      await verify(await pkg(), {
        readWorkbook: async (bytes) => {
          given = bytes;
          return validWorkbook();
        },
      });
      expect(given).toEqual(WORKBOOK_BYTES);
    });

    it('names a workbook that gives another enrollment', async () => {
      const other = (): WorkbookInput => withSheet('Accounts', (rows) => setCell(rows, 2, 0, 'Contoso production'));
      const r = await verify(await pkg(), { readWorkbook: reader(other) });
      expect(summary(r)).toEqual(['workbook-mismatch workbook.xlsx']);
      expect(r.problems[0]!.message).toMatch(/the enrollment it gives differs from enrollment\.json at line \d+/);
    });

    it('names a workbook with errors, with the errors', async () => {
      const broken = (): WorkbookInput => withSheet('Accounts', (rows) => setCell(rows, 3, 2, '1111111112'));
      const r = await verify(await pkg(), { readWorkbook: reader(broken) });
      expect(summary(r)).toEqual(['workbook-mismatch workbook.xlsx']);
      expect(r.problems[0]!.findings?.map((f) => `${f.code} ${f.sheet}!${f.cell}`)).toEqual([
        'account-id-invalid Accounts!C4',
      ]);
    });

    it('names a workbook the reader cannot read', async () => {
      const r = await verify(await pkg(), {
        readWorkbook: async () => {
          throw new Error('not a workbook\nsecond line');
        },
      });
      expect(summary(r)).toEqual(['workbook-unreadable workbook.xlsx']);
      expect(r.problems[0]!.message).toBe('workbook.xlsx cannot be read as a workbook: not a workbook.');
    });
  });

  describe('sizes that would exhaust memory', () => {
    it('refuses an entry that claims more than 512 MB, without unpacking it', async () => {
      const r = await verify(
        rawZip([{ name: 'enrollment.json', data: bytesOf('{}'), claimedSize: 600 * 1024 * 1024 }]),
      );
      expect(r.problems.find((p) => p.kind === 'corrupt-entry')).toEqual({
        kind: 'corrupt-entry',
        file: 'enrollment.json',
        message: 'enrollment.json cannot be unpacked: it claims 629145600 bytes, more than a package file can hold.',
      });
    });

    it('refuses files that together claim more than 1 GiB', async () => {
      const claim = 400 * 1024 * 1024;
      const r = await verify(
        rawZip(
          ['workbook.xlsx', 'enrollment.json', 'enrollment.schema.json'].map((name) => ({
            name,
            data: bytesOf('{}'),
            claimedSize: claim,
          })),
        ),
      );
      expect(r.problems.filter((p) => p.kind === 'corrupt-entry').map((p) => `${p.file}: ${p.message}`)).toEqual([
        'workbook.xlsx: workbook.xlsx cannot be unpacked: it unpacks to 2 bytes where the archive records 419430400.',
        'enrollment.json: enrollment.json cannot be unpacked: it unpacks to 2 bytes where the archive records 419430400.',
        'enrollment.schema.json: enrollment.schema.json cannot be unpacked: the package would unpack to more than 1 GiB.',
      ]);
    });
  });

  describe('a file that is not a package', () => {
    it.each([
      ['empty', new Uint8Array(), /too short/],
      ['text', bytesOf('hello, this is not a zip archive at all'), /no ZIP end-of-archive record/],
      ['a truncated package', null, /no ZIP end-of-archive record|outside the file/],
    ])('%s: archive-unreadable', async (_, bytes, reason) => {
      const input = bytes ?? (await pkg()).subarray(0, 2000);
      const r = await verify(input);
      expect(summary(r)).toEqual(['archive-unreadable -']);
      expect(r.problems[0]!.message).toMatch(reason);
    });

    it('an empty ZIP archive: every file missing', async () => {
      const r = await verify(zip([]));
      expect(summary(r)).toEqual([
        'missing-file workbook.xlsx',
        'missing-file enrollment.json',
        'missing-file enrollment.schema.json',
        'missing-file ticket.txt',
        'missing-file manifest.json',
      ]);
    });
  });

  describe('nothing hidden, live or secret (issue 16)', () => {
    it('names what a workbook.xlsx carries besides visible values, even with the hashes brought up to date', async () => {
      const dirty = await dirtyWorkbook();
      const r = await verify(
        tamper(
          await pkg(),
          replace('workbook.xlsx', () => dirty),
          { rehash: true },
        ),
      );
      expect(r.problems.map((p) => [p.kind, p.file, p.message])).toEqual([
        ['workbook-not-clean', 'workbook.xlsx', expect.stringContaining('it has sheet "Keys" is very hidden')],
        ['workbook-not-clean', 'workbook.xlsx', expect.stringContaining('sheet "Notes" is hidden')],
        [
          'workbook-not-clean',
          'workbook.xlsx',
          expect.stringContaining('document properties (creator, lastModifiedBy, Company)'),
        ],
        ['workbook-not-clean', 'workbook.xlsx', expect.stringContaining('1 comment')],
        ['workbook-not-clean', 'workbook.xlsx', expect.stringContaining('1 formula (the first at Accounts!F2)')],
        [
          'credential-found',
          'workbook.xlsx',
          expect.stringMatching(/^Keys!B1 holds what looks like an AWS secret access key\./),
        ],
        [
          'credential-found',
          'workbook.xlsx',
          expect.stringMatching(/^Keys!B2 holds what looks like an AWS access key ID\./),
        ],
      ]);
    });

    it('names a credential in enrollment.json by its path', async () => {
      const r = await verify(
        tamper(await pkg(), edit('enrollment.json', '"Acme Cloud Partners"', '"Acme AKIAIOSFODNN7EXAMPLE"'), {
          rehash: true,
        }),
      );
      const hit = r.problems.find((p) => p.kind === 'credential-found');
      expect(hit).toEqual({
        kind: 'credential-found',
        file: 'enrollment.json',
        message: expect.stringMatching(/^msp\.name holds what looks like an AWS access key ID\./),
      });
    });
  });

  it('every kind of problem has a message and was produced by a test above', () => {
    const kinds = Object.keys(PROBLEMS).sort();
    expect([...seen].sort()).toEqual(kinds);
  });
});
