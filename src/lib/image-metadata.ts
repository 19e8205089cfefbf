/**
 * Finds and removes what cameras, phones and editing programs hide in image files: EXIF (GPS
 * position, camera serial number, date, a thumbnail of the uncropped photo), XMP and IPTC (author,
 * location, editing history), comments and text chunks. Published images must carry none of it.
 *
 * JPEG, PNG, WebP, GIF and TIFF are read by hand-written walkers over their containers (JPEG
 * segments, PNG chunks, RIFF chunks, GIF blocks, TIFF tags) that accept only what draws
 * the picture (an allow list, so unknown metadata is found too): sharp reports EXIF, XMP and IPTC,
 * but not JPEG comments, PNG text, GIF comments or a vendor's own segments. Other formats fall back
 * to sharp's report. Removal re-encodes with sharp, which writes pixels and nothing else; its
 * output is the same bytes for the same input on every run and in every time zone.
 */
import sharp from 'sharp';

/** Byte strings that only ever appear inside metadata, whatever the container (a last-resort scan). */
const SIGNATURES: readonly (readonly [string, Buffer])[] = [
  ['EXIF', Buffer.from('Exif\0\0', 'latin1')],
  ['XMP', Buffer.from('<x:xmpmeta', 'latin1')],
  ['XMP', Buffer.from('http://ns.adobe.com/xap/1.0/', 'latin1')],
  ['IPTC', Buffer.from('Photoshop 3.0\0', 'latin1')],
];

// PNG chunks that only describe how to draw the pixels (colour, transparency, animation, HDR).
const PNG_DRAWING_CHUNKS = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'cICP',
  'mDCV',
  'cLLI',
  'mDCv',
  'cLLi',
  'sBIT',
  'bKGD',
  'pHYs',
  'hIST',
  'sPLT',
  'acTL',
  'fcTL',
  'fdAT',
]);

// WebP (RIFF) chunks that draw the picture; `EXIF` and `XMP ` are what the format adds for metadata.
const WEBP_DRAWING_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);

// GIF application extensions that play the animation or carry the colour profile.
const GIF_DRAWING_APPLICATIONS = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0', 'ICCRGBG1012']);

const ascii = (bytes: Buffer, start: number, end: number): string => bytes.toString('latin1', start, end);

/**
 * The kinds of metadata found in an image file (`EXIF`, `XMP`, `IPTC`, `comment`, `text`, or the
 * name of an unknown segment or chunk), each once, in order of appearance; `[]` for a clean file.
 */
export async function findMetadata(bytes: Buffer): Promise<string[]> {
  const found = new Set(containerMetadata(bytes) ?? (await sharpMetadata(bytes)));
  for (const [kind, signature] of SIGNATURES) if (bytes.includes(signature)) found.add(kind);
  return [...found];
}

/** What the container walkers find, or `undefined` for a format they do not read. */
function containerMetadata(bytes: Buffer): string[] | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegMetadata(bytes);
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return pngMetadata(bytes);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return webpMetadata(bytes);
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return gifMetadata(bytes);
  if (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*') return tiffMetadata(bytes);
  return undefined;
}

// TIFF tags of the first image that describe the photo, its author or its place, not its pixels.
const TIFF_METADATA_TAGS: Readonly<Record<number, string>> = {
  270: 'description',
  271: 'camera make',
  272: 'camera model',
  306: 'date',
  315: 'artist',
  316: 'host computer',
  700: 'XMP',
  33432: 'copyright',
  33723: 'IPTC',
  34377: 'IPTC',
  34665: 'EXIF',
  34853: 'GPS',
  37510: 'comment',
};

/** TIFF: there EXIF is not a block but tags of the image itself (artist, camera, GPS position...). */
function tiffMetadata(bytes: Buffer): string[] {
  if (bytes.length < 8) return ['unreadable tags'];
  const little = bytes[0] === 0x49;
  const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const ifd = little ? bytes.readUInt32LE(4) : bytes.readUInt32BE(4);
  if (ifd + 2 > bytes.length) return ['unreadable tags'];
  const found: string[] = [];
  for (let entry = 0, count = u16(ifd); entry < count; entry++) {
    const at = ifd + 2 + entry * 12;
    if (at + 12 > bytes.length) return [...found, 'unreadable tags'];
    const kind = TIFF_METADATA_TAGS[u16(at)];
    if (kind !== undefined && !found.includes(kind)) found.push(kind);
  }
  return found;
}

/** JPEG: the segments before the image data; everything but JFIF, an ICC profile and Adobe's colour marker. */
function jpegMetadata(bytes: Buffer): string[] {
  const found: string[] = [];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return [...found, 'unreadable segments'];
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, start of scan: no metadata follows in the header
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    const start = at + 4;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) return [...found, 'unreadable segments'];
    const head = ascii(bytes, start, Math.min(end, start + 32));
    if (marker === 0xe0) {
      // A plain JFIF header is 16 bytes; anything longer (or JFXX) carries a thumbnail.
      if (!(head.startsWith('JFIF\0') && length === 16)) found.push('thumbnail');
    } else if (marker === 0xe1) {
      found.push(head.startsWith('Exif\0') ? 'EXIF' : head.startsWith('http://ns.adobe.com/') ? 'XMP' : 'APP1');
    } else if (marker === 0xe2) {
      if (!head.startsWith('ICC_PROFILE\0')) found.push(head.startsWith('MPF\0') ? 'MPF' : 'APP2');
    } else if (marker === 0xed) {
      found.push('IPTC');
    } else if (marker >= 0xe3 && marker <= 0xef && marker !== 0xee) {
      found.push(`APP${marker - 0xe0}`);
    } else if (marker === 0xfe) {
      found.push('comment');
    }
    at = end;
  }
  return found;
}

/** PNG: every chunk that does not draw the picture (text, EXIF, timestamps, vendors' chunks). */
function pngMetadata(bytes: Buffer): string[] {
  const found: string[] = [];
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = ascii(bytes, at + 4, at + 8);
    const end = at + 12 + length;
    if (end > bytes.length) return [...found, 'unreadable chunks'];
    if (type === 'eXIf') found.push('EXIF');
    else if (type === 'tEXt' || type === 'zTXt' || type === 'iTXt') {
      // Text chunks start with their keyword; XMP is the one named `XML:com.adobe.xmp` (often compressed).
      found.push(ascii(bytes, at + 8, at + 8 + 18) === 'XML:com.adobe.xmp\0' ? 'XMP' : 'text');
    } else if (type === 'tIME') found.push('timestamp');
    else if (!PNG_DRAWING_CHUNKS.has(type)) found.push(`${type} chunk`);
    at = end;
    if (type === 'IEND') break;
  }
  if (at < bytes.length) found.push('data after the image');
  return found;
}

/** WebP: the RIFF chunks besides the image data, alpha, animation and colour profile. */
function webpMetadata(bytes: Buffer): string[] {
  const found: string[] = [];
  let at = 12;
  while (at + 8 <= bytes.length) {
    const type = ascii(bytes, at, at + 4);
    const length = bytes.readUInt32LE(at + 4);
    const end = at + 8 + length + (length % 2);
    if (at + 8 + length > bytes.length) return [...found, 'unreadable chunks'];
    if (type === 'EXIF') found.push('EXIF');
    else if (type === 'XMP ') found.push('XMP');
    else if (!WEBP_DRAWING_CHUNKS.has(type)) found.push(`${type.trim()} chunk`);
    at = end;
  }
  return found;
}

/** GIF: comments and application extensions other than looping and the colour profile. */
function gifMetadata(bytes: Buffer): string[] {
  const found: string[] = [];
  const packed = bytes[10] ?? 0;
  let at = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);
  // Skips a run of data sub-blocks (length byte, data), ending at the zero-length block.
  const skipSubBlocks = (from: number): number => {
    let pos = from;
    while (pos < bytes.length && bytes[pos] !== 0) pos += (bytes[pos] ?? 0) + 1;
    return pos + 1;
  };
  while (at < bytes.length) {
    const introducer = bytes[at];
    if (introducer === 0x3b) break; // trailer
    if (introducer === 0x21) {
      const label = bytes[at + 1];
      if (label === 0xfe) found.push('comment');
      if (label === 0xff) {
        const application = ascii(bytes, at + 3, at + 3 + (bytes[at + 2] ?? 0));
        if (application === 'XMP DataXMP') found.push('XMP');
        else if (!GIF_DRAWING_APPLICATIONS.has(application)) found.push(`${application.trim()} extension`);
      }
      at = skipSubBlocks(at + 2);
    } else if (introducer === 0x2c) {
      const local = bytes[at + 9] ?? 0;
      at += 10 + (local & 0x80 ? 3 * 2 ** ((local & 0x07) + 1) : 0) + 1; // descriptor, colours, LZW size
      at = skipSubBlocks(at);
    } else {
      return [...found, 'unreadable blocks'];
    }
  }
  return found;
}

/** Other formats (AVIF, TIFF...): what sharp can see. A file it cannot read counts as suspect. */
async function sharpMetadata(bytes: Buffer): Promise<string[]> {
  try {
    const info = await sharp(bytes).metadata();
    const found: string[] = [];
    if (info.exif) found.push('EXIF');
    if (info.xmp) found.push('XMP');
    if (info.iptc) found.push('IPTC');
    if (info.comments?.length) found.push('text');
    return found;
  } catch {
    return ['unreadable file'];
  }
}

/** Why an image's metadata could not be removed (an editor-facing message names the file). */
export class MetadataRemovalError extends Error {}

/**
 * The image re-encoded in its own format with none of its metadata, turned upright first if its
 * EXIF said so (browsers would have, and the EXIF is going). JPEG and WebP at quality 90 (high,
 * to lose little on a second encoding), PNG, GIF and TIFF losslessly, AVIF at sharp's default.
 * Throws a {@link MetadataRemovalError} when sharp cannot read or write the format.
 */
export async function withoutMetadata(bytes: Buffer): Promise<Buffer> {
  let output: Buffer;
  try {
    const info = await sharp(bytes).metadata();
    // Every frame of an animation; `failOn: 'none'` as Astro's own image service, for slightly broken files.
    const image = sharp(bytes, { animated: true, failOn: 'none' });
    if ((info.orientation ?? 1) > 1) image.autoOrient();
    switch (info.format) {
      case 'jpeg':
        image.jpeg({ quality: 90 });
        break;
      case 'webp':
        image.webp({ quality: 90 });
        break;
      case 'png':
        image.png();
        break;
      case 'gif':
        image.gif();
        break;
      case 'tiff':
        image.tiff({ compression: 'lzw' });
        break;
      case 'heif':
        image.avif();
        break;
      default:
        throw new MetadataRemovalError(`sharp cannot write ${info.format} images`);
    }
    output = await image.toBuffer();
  } catch (error) {
    if (error instanceof MetadataRemovalError) throw error;
    throw new MetadataRemovalError('the file cannot be read as an image');
  }
  const left = await findMetadata(output);
  if (left.length > 0) throw new MetadataRemovalError(`${left.join(', ')} survived re-encoding`);
  return output;
}
