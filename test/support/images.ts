/** A real 1×1 PNG; `variant` appends bytes after IEND so that each photo has its own sha256. */
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export function pngPhoto(variant = 0): Buffer {
  return Buffer.concat([Buffer.from(ONE_PIXEL_PNG, 'base64'), Buffer.from(`variant-${variant}`)]);
}

/** A PDF: what a customer sends when they rename a document to .jpg. */
export function pdfDocument(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
}
