import QRCode from 'qrcode';

/**
 * A QR code of `text` as an `<img src>`: an SVG (sharp at any print resolution, black on white)
 * in a data: address, which the kiosk's CSP allows for images. Medium error correction survives
 * a smudge or a fold; the two-module margin plus the white space around the image on paper
 * gives phones the quiet zone they need.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  });
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg.trim())}`;
}
