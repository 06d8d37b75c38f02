/**
 * How Microsoft's Excel client is taken from @microsoft/office-js (scripts/office-client.js):
 * unchanged, between two markers, as a function of `window`, a fresh copy per call.
 */
import fs from 'node:fs';
import officeClient from '@microsoft/office-js/dist/excel-web-16.00.js';

// CommonJS helpers shared with the webpack loader and the jest transform.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OFFICE_CLIENT_FILE, officeClientModule } = require('../../scripts/office-client') as {
  OFFICE_CLIENT_FILE: string;
  officeClientModule: (text: string) => string;
};

describe("Microsoft's Excel client, as the host loads it", () => {
  it('takes the client part of the library unchanged', () => {
    const text = fs.readFileSync(OFFICE_CLIENT_FILE, 'utf8');
    const module = officeClientModule(text);
    const body = module.split('\n').slice(2, -4).join('\n');
    expect(text.includes(body)).toBe(true);
    expect(body.length).toBeGreaterThan(900_000); // the Excel namespace alone is most of it
    expect(body).not.toContain('OSF.InitializationHelper'); // Office's common layer is left out
  });

  it('refuses a library whose shape changed, rather than loading part of it', () => {
    expect(() => officeClientModule('var Excel = {};')).toThrow(/office-client/);
  });

  it('gives each host its own copy, reading Office from the window it is given', () => {
    const office = (platform: string) => ({
      context: { platform, requirements: { isSetSupported: () => true } },
    });
    const a = officeClient({ Office: office('OfficeOnline') });
    const b = officeClient({ Office: office('PC') });
    expect(typeof a.Excel.run).toBe('function');
    expect(a.Excel).not.toBe(b.Excel);
    expect(a.OfficeExtension).not.toBe(b.OfficeExtension);
    expect((globalThis as { Excel?: unknown }).Excel).toBeUndefined();
  });
});
