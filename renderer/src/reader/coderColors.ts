// A steady colour per coder for their read-only layer: the same name always gets the same colour,
// and the palette stays apart from the default label colours (mid-tones readable on both themes).
const PALETTE = ['#1098ad', '#ae3ec9', '#e8590c', '#74b816', '#d6336c', '#4263eb', '#f59f00', '#0ca678'];

export function coderColor(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}
