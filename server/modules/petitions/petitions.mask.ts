/** Masking of the petitioner's personal data for those who may not see it (张** / 138****5678). */

/** 张三 → 张*, 欧阳明月 → 欧***. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0]! + '*'.repeat(Math.max(1, chars.length - 1));
}

/** 13812345678 → 138****5678; shorter numbers keep their last 2 digits. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null || phone === '') return phone;
  const p = phone.trim();
  if (p.length >= 11) return `${p.slice(0, 3)}****${p.slice(-4)}`;
  return `${'*'.repeat(Math.max(1, p.length - 2))}${p.slice(-2)}`;
}

/** 110101199003071234 → 110101********1234. */
export function maskIdNo(idNo: string | null): string | null {
  if (idNo === null || idNo === '') return idNo;
  const s = idNo.trim();
  if (s.length < 10) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}

/** 青州市青山区幸福路8号 → 青州市青山区****: the first six characters (city and district), the rest masked. */
export function maskAddress(address: string | null): string | null {
  if (address === null || address === '') return address;
  const chars = [...address.trim()];
  return chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('') + '****';
}

/** The personal fields of a case as a viewer may see them. */
export function personal(
  row: { petitioner_name: string; petitioner_id_no: string | null; petitioner_phone: string | null; petitioner_address: string | null },
  clear: boolean,
) {
  return clear
    ? { name: row.petitioner_name, idNo: row.petitioner_id_no, phone: row.petitioner_phone, address: row.petitioner_address, masked: false }
    : {
        name: maskName(row.petitioner_name),
        idNo: maskIdNo(row.petitioner_id_no),
        phone: maskPhone(row.petitioner_phone),
        address: maskAddress(row.petitioner_address),
        masked: true,
      };
}

/** Similarity of two subjects: the Dice coefficient of their character bigrams (0…1), punctuation and spaces ignored. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const c = [...s.replace(/[\s\p{P}]/gu, '')];
    const out = new Map<string, number>();
    for (let i = 0; i + 1 < c.length; i++) out.set(c[i]! + c[i + 1]!, (out.get(c[i]! + c[i + 1]!) ?? 0) + 1);
    if (c.length === 1) out.set(c[0]!, 1);
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let both = 0;
  let total = 0;
  for (const [g, n] of ga) both += Math.min(n, gb.get(g) ?? 0);
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * both) / total;
}
