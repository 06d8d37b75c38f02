// Hostile and broken .xlsx files, generated (never committed: some unpack to a gigabyte), for the
// hostile-file tests (test/cli/hostile.test.ts) and `npm run bench:hostile`. Each is a few MB or
// less on disk. Plain Node (zlib), so that both the tests and the benchmark script use it.
const zlib = require('node:zlib');

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * A ZIP of these entries: [name, bytes] (deflated), or [name, {raw, size, crc}] for an entry whose
 * deflated data is given, with the size and CRC its headers are to claim. `mode`: Unix mode bits
 * (version made by Unix), else MS-DOS attributes 0.
 */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const [name, content, options = {}] = entry;
    const nameBytes = Buffer.from(name, 'utf8');
    let raw;
    let size;
    let crc;
    let method = 8;
    if (Buffer.isBuffer(content) || typeof content === 'string') {
      const data = Buffer.from(content);
      raw = zlib.deflateRawSync(data, { level: 6 });
      size = data.length;
      crc = zlib.crc32(data);
    } else {
      ({ raw, size, crc } = content);
    }
    if (options.stored) {
      method = 0;
      raw = Buffer.from(content);
    }
    const flags = 0x800 | (options.flags ?? 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(raw.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(options.mode === undefined ? 20 : (3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(raw.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(options.mode === undefined ? 0 : (options.mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, raw);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + raw.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Deflated data of `head`, then `filler` repeated until the whole is `size` bytes, then `tail`,
 * made without holding or compressing `size` bytes: the filler is compressed once, as a block
 * ended by a full flush (independent of what came before), and that block repeated.
 */
function bomb(head, filler, size, tail) {
  const headBytes = Buffer.from(head);
  const tailBytes = Buffer.from(tail);
  const unit = Buffer.from(filler.repeat(Math.ceil((1024 * 1024) / filler.length)));
  const repeats = Math.max(0, Math.floor((size - headBytes.length - tailBytes.length) / unit.length));
  const flushed = (b) => zlib.deflateRawSync(b, { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const blocks = [flushed(headBytes), ...Array(repeats).fill(flushed(unit)), zlib.deflateRawSync(tailBytes)];
  let crc = zlib.crc32(headBytes);
  for (let i = 0; i < repeats; i++) crc = zlib.crc32(unit, crc);
  crc = zlib.crc32(tailBytes, crc);
  return { raw: Buffer.concat(blocks), size: headBytes.length + repeats * unit.length + tailBytes.length, crc };
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline-string and number cells of one row: `cells` is an array of [ref, value]. */
function rowXml(r, cells) {
  const body = cells
    .map(([ref, v]) =>
      typeof v === 'number'
        ? `<c r="${ref}"><v>${v}</v></c>`
        : `<c r="${ref}" t="inlineStr"><is><t>${escape(v)}</t></is></c>`,
    )
    .join('');
  return `<row r="${r}">${body}</row>`;
}

const sheetXml = (rows, after = '') =>
  `${HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${rows}</sheetData>${after}</worksheet>`;

/**
 * A workbook of these sheets: [{name, xml | {raw,size,crc}}], plus `extra` entries. The workbook
 * part may be replaced (`workbookXml`) and the shared strings given (`sharedStrings`).
 */
function workbook(sheets, { extra = [], workbookXml, sharedStrings } = {}) {
  const wb =
    workbookXml ??
    `${HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheets
      .map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`;
  const rels =
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    sheets
      .map(
        (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join('') +
    '</Relationships>';
  const types =
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    '</Types>';
  const rootRels =
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  return zip([
    ['[Content_Types].xml', types],
    ['_rels/.rels', rootRels],
    ['xl/workbook.xml', wb],
    ['xl/_rels/workbook.xml.rels', rels],
    ...(sharedStrings === undefined ? [] : [['xl/sharedStrings.xml', sharedStrings]]),
    ...sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, s.xml]),
    ...extra,
  ]);
}

const ACCOUNTS_HEADERS = ['Account Name', 'AWS Account Email', 'AWS Account ID', 'Subset Name'];
const headerRow = (headers) =>
  rowXml(
    1,
    headers.map((h, i) => [`${String.fromCharCode(65 + i)}1`, h]),
  );

const MB = 1024 * 1024;

/** The cases of the issue's table (and of issue 16's items 5 and 6), by name: () => Buffer. */
const CASES = {
  // A sheet part that inflates to ~900 MB, its header honest.
  'sheet-900mb': () =>
    workbook([
      {
        name: 'Accounts',
        xml: bomb(`${HEAD}<worksheet xmlns="${MAIN_NS}"><sheetData>`, ' ', 900 * MB, '</sheetData></worksheet>'),
      },
    ]),
  // The same, its header claiming 1 KB: inflating must stop there.
  'sheet-900mb-lying': () => {
    const b = bomb(`${HEAD}<worksheet xmlns="${MAIN_NS}"><sheetData>`, ' ', 900 * MB, '</sheetData></worksheet>');
    return workbook([{ name: 'Accounts', xml: { ...b, size: 1024 } }]);
  },
  // Five sheets of ~190 MB each.
  'five-sheets-190mb': () =>
    workbook(
      [1, 2, 3, 4, 5].map((i) => ({
        name: `Sheet${i}`,
        xml: bomb(`${HEAD}<worksheet xmlns="${MAIN_NS}"><sheetData>`, ' ', 190 * MB, '</sheetData></worksheet>'),
      })),
    ),
  // Three sheets of 100 MB: each under the part limit, together over the total.
  'three-sheets-100mb': () =>
    workbook(
      [1, 2, 3].map((i) => ({
        name: `Sheet${i}`,
        xml: bomb(`${HEAD}<worksheet xmlns="${MAIN_NS}"><sheetData>`, ' ', 100 * MB, '</sheetData></worksheet>'),
      })),
    ),
  // A 1 GB media part next to a formula.
  'media-1gb': () =>
    workbook([{ name: 'Accounts', xml: sheetXml('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>') }], {
      extra: [['xl/media/image1.png', bomb('', '\0', 1024 * MB, '')]],
    }),
  // The same with the media part's header claiming 1 KB.
  'media-1gb-lying': () =>
    workbook([{ name: 'Accounts', xml: sheetXml('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>') }], {
      extra: [['xl/media/image1.png', { ...bomb('', '\0', 1024 * MB, ''), size: 1024 }]],
    }),
  // 900 MB of shared strings.
  'shared-strings-900mb': () =>
    workbook([{ name: 'Accounts', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }], {
      sharedStrings: bomb(`${HEAD}<sst xmlns="${MAIN_NS}">`, '<si><t>account</t></si>', 900 * MB, '</sst>'),
    }),
  // 1.1 million small shared strings (a 20 MB part: under the size limit, over the count).
  'shared-strings-count': () =>
    workbook([{ name: 'Accounts', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }], {
      sharedStrings: `${HEAD}<sst xmlns="${MAIN_NS}">${'<si><t>a</t></si>'.repeat(1_100_000)}</sst>`,
    }),
  // One merge over the whole sheet, and one over four whole columns, on the Accounts sheet.
  'merge-whole-sheet': () =>
    workbook([
      {
        name: 'Accounts',
        xml: sheetXml(
          headerRow(ACCOUNTS_HEADERS),
          '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        ),
      },
    ]),
  'merge-four-columns': () =>
    workbook([
      {
        name: 'Accounts',
        xml: sheetXml(headerRow(ACCOUNTS_HEADERS), '<mergeCells count="1"><mergeCell ref="A1:D1048576"/></mergeCells>'),
      },
    ]),
  // XML nested millions of levels deep inside a cell.
  'deep-xml': () =>
    workbook([
      {
        name: 'Accounts',
        xml: bomb(
          `${HEAD}<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`,
          '<a>',
          6 * MB,
          '</t></is></c></row></sheetData></worksheet>',
        ),
      },
    ]),
  // A flood of bad cells: 240,000 account rows, every cell an error value (960,000 findings, under the cell limit).
  'findings-flood': () => {
    const rows = [headerRow(ACCOUNTS_HEADERS)];
    for (let r = 2; r <= 240_001; r++)
      rows.push(
        `<row r="${r}"><c r="A${r}" t="e"><v>#N/A</v></c><c r="B${r}" t="e"><v>#N/A</v></c><c r="C${r}" t="e"><v>#N/A</v></c><c r="D${r}" t="e"><v>#N/A</v></c></row>`,
      );
    return workbook([{ name: 'Accounts', xml: sheetXml(rows.join('')) }]);
  },
  // One cell at row 4,294,967,295, and at 2,147,483,647.
  'row-4294967295': () => workbook([{ name: 'Accounts', xml: sheetXml(rowXml(4294967295, [['A4294967295', 'x']])) }]),
  'row-2147483647': () => workbook([{ name: 'Accounts', xml: sheetXml(rowXml(2147483647, [['A2147483647', 'x']])) }]),
  // 20,000 rows with a cell in column XFD (inside the grid: must be read, and fast).
  'xfd-20000-rows': () => {
    const rows = [headerRow(ACCOUNTS_HEADERS)];
    for (let r = 2; r <= 20_001; r++) rows.push(rowXml(r, [[`XFD${r}`, 'note']]));
    return workbook([{ name: 'Accounts', xml: sheetXml(rows.join('')) }]);
  },
  // workbook.xml whose sheet tags carry attributes of the maximum cell size (32,767 characters)
  // that never close: the attribute pattern it replaced backtracked over each.
  'attributes-pathological': () => {
    const long = 'a'.repeat(32_767);
    const tags = Array.from({ length: 8 }, () => `<sheet ${long} ${long}= x${long}/>`).join('');
    return workbook([{ name: 'Accounts', xml: sheetXml(headerRow(ACCOUNTS_HEADERS)) }], {
      workbookXml: `${HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${tags}<sheet name="Accounts" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    });
  },
};

/** The package's entries with workbook.xlsx replaced (the manifest updated to match) or entries given Unix modes. */
function repackage(files, { workbookBytes, modes = {} } = {}) {
  const out = { ...files };
  if (workbookBytes !== undefined) {
    out['workbook.xlsx'] = workbookBytes;
    const manifest = JSON.parse(Buffer.from(out['manifest.json']).toString('utf8'));
    const digest = require('node:crypto').createHash('sha256').update(workbookBytes).digest('hex');
    for (const f of manifest.files) {
      if (f.name === 'workbook.xlsx') Object.assign(f, { size: workbookBytes.length, sha256: digest });
    }
    out['manifest.json'] = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
  }
  return zip(
    Object.entries(out).map(([name, data]) => [
      name,
      Buffer.from(data),
      modes[name] === undefined ? {} : { mode: modes[name] },
    ]),
  );
}

/** Hostile packages, made from a valid package's entries (by name): (files) => Buffer. */
const PACKAGE_CASES = {
  'verify-merge-bomb': (files) =>
    repackage(files, {
      workbookBytes: workbook([
        {
          name: 'Accounts',
          xml: sheetXml(
            headerRow(ACCOUNTS_HEADERS),
            '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
          ),
        },
      ]),
    }),
  'verify-symlink-ticket': (files) => repackage(files, { modes: { 'ticket.txt': 0o120777 } }),
};

module.exports = {
  PACKAGE_CASES,
  repackage,
  zip,
  bomb,
  workbook,
  sheetXml,
  rowXml,
  headerRow,
  ACCOUNTS_HEADERS,
  CASES,
  MAIN_NS,
  REL_NS,
  HEAD,
};
