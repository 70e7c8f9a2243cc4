/**
 * Parses the numeric literals of PowerShell's tokenizer: decimal and hexadecimal integers, real
 * numbers with an exponent, a type suffix (`l`, `u`, `ul`, `s`, `us`, `y`, `uy`, `n`, `d`) and a
 * multiplier (`kb`, `mb`, `gb`, `tb`, `pb`). Returns undefined for any other text, such as `1x`.
 */
export function parseNumberLiteral(text: string): number | undefined {
  const match = NUMBER_LITERAL.exec(text);
  if (!match) return undefined;
  const [, sign, hexDigits, decimal, , multiplier] = match;
  let value = hexDigits !== undefined ? parseInt(hexDigits, 16) : Number(decimal);
  if (Number.isNaN(value)) return undefined;
  if (multiplier) value *= MULTIPLIERS[multiplier.toLowerCase()];
  return sign === "-" ? -value : value;
}

const NUMBER_LITERAL =
  /^([+-]?)(?:0x([0-9a-f]+)|((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?))(ul|us|uy|l|u|s|y|n|d)?(kb|mb|gb|tb|pb)?$/i;

const MULTIPLIERS: Readonly<Record<string, number>> = {
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
  tb: 1024 ** 4,
  pb: 1024 ** 5,
};
