/** 12309 is the procuratorate's complaint line, not an aid line: it must never be shown. */
const FORBIDDEN_NUMBERS = ['12309'];

/** The configured 资助中心 hotline, or undefined when none (or a forbidden one) is set. */
export function safeHotline(hotline: string | undefined): string | undefined {
  const trimmed = hotline?.trim();
  if (!trimmed) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  if (FORBIDDEN_NUMBERS.some((number) => digits.includes(number))) return undefined;
  return trimmed;
}
