/**
 * For tests: a small, well-formed PDF built by hand (exact xref offsets), with `pages` pages,
 * each showing `text` in Helvetica when given, so pdftotext can find it after printing.
 */
export function makePdf({ pages = 1, text }: { pages?: number; text?: string } = {}): Uint8Array {
  const content = text === undefined ? undefined : `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const pageIds = Array.from({ length: pages }, (_, i) => i + 3);
  const contentId = pages + 3;
  const fontId = pages + 4;
  const resources = content === undefined ? '' : ` /Contents ${contentId} 0 R /Resources << /Font << /F1 ${fontId} 0 R >> >>`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`,
    ...pageIds.map(() => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]${resources} >>`),
    ...(content === undefined
      ? []
      : [
          `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
          '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
        ]),
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body); // ASCII only, so string offsets are byte offsets
}
