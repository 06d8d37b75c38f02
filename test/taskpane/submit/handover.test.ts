import { webcrypto } from 'node:crypto';
import {
  MAX_HANDOVER_URL,
  fromBase64Url,
  handoverUrl,
  readHandover,
  toBase64Url,
} from '../../../src/taskpane/submit/handover';
import { chooseSaveRoute, type SaveEnvironment } from '../../../src/taskpane/submit/save-route';

const PAGE = 'https://addins.example.com/msp/taskpane.html?_host_Info=Excel$Mac$16.01$en-US';

function bytesOf(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 7919 + (i >> 3)) & 0xff;
  return out;
}

async function sha(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

describe('base64url', () => {
  it('round-trips every byte value and every length remainder', () => {
    for (const n of [0, 1, 2, 3, 4, 255, 256, 0x8000 + 5]) {
      const bytes = bytesOf(n);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(text)).toEqual(bytes);
    }
    expect(Buffer.from(fromBase64Url(toBase64Url(Uint8Array.from({ length: 256 }, (_, i) => i)))!)).toEqual(
      Buffer.from(Uint8Array.from({ length: 256 }, (_, i) => i)),
    );
  });

  it('refuses what is not base64url', () => {
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull(); // a length of 4n+1 cannot be
    expect(fromBase64Url('ab=c')).toBeNull();
  });
});

describe('the handover to the save page', () => {
  it('carries name, SHA-256 and bytes in the fragment of the save page beside the pane', async () => {
    const bytes = bytesOf(5000);
    const url = handoverUrl(new URL('save.html', PAGE), {
      fileName: 'acme-123456789012-2025-03-14.zip',
      sha256: await sha(bytes),
      bytes,
    });
    expect(url.startsWith('https://addins.example.com/msp/save.html#')).toBe(true);
    const read = readHandover(new URL(url).hash);
    expect(read).toEqual({
      ok: true,
      handover: { fileName: 'acme-123456789012-2025-03-14.zip', sha256: await sha(bytes), bytes },
    });
  });

  it('refuses a missing, foreign or damaged fragment', () => {
    const good = new URLSearchParams({ v: '1', name: 'a.zip', sha256: 'a'.repeat(64), zip: 'AAAA' });
    const variant = (change: Record<string, string>) => {
      const p = new URLSearchParams(good);
      for (const [k, v] of Object.entries(change)) p.set(k, v);
      return `#${p.toString()}`;
    };
    expect(readHandover('')).toEqual({ ok: false, problem: 'missing' });
    expect(readHandover('#')).toEqual({ ok: false, problem: 'missing' });
    expect(readHandover(`#${good.toString()}`)).toMatchObject({ ok: true });
    expect(readHandover(variant({ v: '2' }))).toEqual({ ok: false, problem: 'format' });
    expect(readHandover(variant({ name: '../evil.zip' }))).toEqual({ ok: false, problem: 'format' });
    expect(readHandover(variant({ name: 'a.exe' }))).toEqual({ ok: false, problem: 'format' });
    expect(readHandover(variant({ sha256: 'xyz' }))).toEqual({ ok: false, problem: 'format' });
    expect(readHandover(variant({ zip: 'A' }))).toEqual({ ok: false, problem: 'damaged' });
    expect(readHandover(variant({ zip: '' }))).toEqual({ ok: false, problem: 'damaged' });
  });
});

describe('the save route per platform (issue 9, item 7)', () => {
  const handover = { fileName: 'p.zip', sha256: 'b'.repeat(64), bytes: bytesOf(3000) };
  const env = (platform: string | undefined, open?: (url: string) => void): SaveEnvironment => ({
    platform,
    openBrowserWindow: open,
    pageUrl: PAGE,
  });

  it('downloads on Windows, the web and outside Office', () => {
    for (const platform of ['PC', 'OfficeOnline', undefined]) {
      expect(
        chooseSaveRoute(
          env(platform, () => undefined),
          handover,
          false,
        ).kind,
      ).toBe('download');
    }
  });

  it('opens the save page in the browser on Mac and iPad, with the package in its fragment', () => {
    for (const [platform, host] of [
      ['Mac', 'Excel on Mac'],
      ['iOS', 'Excel on iPad'],
    ]) {
      const opened: string[] = [];
      const route = chooseSaveRoute(
        env(platform, (url) => opened.push(url)),
        handover,
        false,
      );
      expect(route.kind).toBe('browser');
      expect(route.note).toContain(host);
      if (route.kind !== 'browser') throw new Error('not browser');
      expect(opened).toEqual([]); // only when the user asks
      route.open();
      expect(opened).toHaveLength(1);
      const read = readHandover(new URL(opened[0]!).hash);
      expect(read).toEqual({ ok: true, handover });
    }
  });

  it('on Mac without OpenBrowserWindowApi, or with a package too large for a link, names what is left', () => {
    const none = chooseSaveRoute(env('Mac'), handover, false);
    expect(none).toMatchObject({
      kind: 'none',
      note: expect.stringMatching(/intake address.*Excel on the web.*msp-enroll/),
    });
    const withUpload = chooseSaveRoute(env('Mac'), handover, true);
    expect(withUpload.note).toMatch(/upload to your intake address sends it/);
    const big = { ...handover, bytes: bytesOf(Math.ceil((MAX_HANDOVER_URL * 3) / 4) + 10) };
    const tooLarge = chooseSaveRoute(
      env('Mac', () => undefined),
      big,
      false,
    );
    expect(tooLarge).toMatchObject({ kind: 'none', note: expect.stringMatching(/too large to hand to your browser/) });
  });
});
