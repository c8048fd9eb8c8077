import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';

/** Unambiguous when read aloud or typed from a crumpled card: no 0/O, 1/I/L. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A new transfer-card code, `FX-7K3M-9QX2` (31^8 ≈ 8.5 × 10^11 codes; the column is unique). */
export function newCardCode(): string {
  const pick = () => ALPHABET[randomInt(ALPHABET.length)]!;
  const part = () => Array.from({ length: 4 }, pick).join('');
  return `FX-${part()}-${part()}`;
}

/** What people type or scanners read, in the stored form: case, spaces and dashes do not matter. */
export function normalizeCardCode(input: string): string {
  const plain = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return /^FX[0-9A-Z]{8}$/.test(plain) ? `FX-${plain.slice(2, 6)}-${plain.slice(6)}` : input.trim().toUpperCase();
}

/** The card's QR code (it encodes the code itself, so any scanner app shows something readable). */
export async function cardQr(code: string): Promise<{ svg: string; png: string }> {
  const opts = { errorCorrectionLevel: 'M' as const, margin: 2 };
  const [svg, png] = await Promise.all([
    QRCode.toString(code, { ...opts, type: 'svg' }),
    QRCode.toDataURL(code, { ...opts, scale: 8 }),
  ]);
  return { svg, png };
}
