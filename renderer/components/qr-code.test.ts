import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { qrCodeDataUrl } from './qr-code';

const URL_EN = 'https://medlineplus.gov/fever.html';

describe('qrCodeDataUrl', () => {
  it('makes an SVG data: address that an <img> can show under the kiosk CSP', async () => {
    const src = await qrCodeDataUrl(URL_EN);
    expect(src.startsWith('data:image/svg+xml;utf8,')).toBe(true);
    const svg = decodeURIComponent(src.slice('data:image/svg+xml;utf8,'.length));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    expect(svg).toContain('fill="#ffffff"');
    expect(svg).toContain('stroke="#000000"');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('keeps the address safe inside the attribute: no raw quotes, hashes, spaces or angle brackets', async () => {
    const body = (await qrCodeDataUrl(URL_EN)).slice('data:image/svg+xml;utf8,'.length);
    expect(body).not.toMatch(/["'#<> ]/);
  });

  it('encodes the whole address with a quiet zone: the same modules as the library, with a 2-module margin', async () => {
    const { modules } = QRCode.create(URL_EN, { errorCorrectionLevel: 'M' });
    const svg = decodeURIComponent((await qrCodeDataUrl(URL_EN)).split(',')[1]!);
    const side = modules.size + 4;
    expect(svg).toContain(`viewBox="0 0 ${side} ${side}"`);
  });

  it('gives a different code for each address', async () => {
    expect(await qrCodeDataUrl(URL_EN)).not.toBe(await qrCodeDataUrl('https://medlineplus.gov/spanish/fever.html'));
  });
});
