/**
 * Matching a call to a lead by phone number without knowing either number's country: two numbers match
 * when their keys are equal. The key is the number's digits (after a `tel:`/`sip:` scheme, a SIP host and
 * an extension are dropped), the last 9 of them when there are more: what stays the same whether a number
 * is written with its country code (+1, 0044), a trunk 0 or neither, e.g. "+44 7700 900123",
 * "07700 900123" and "0044 (7700) 900-123" all key to "700900123". Text with letters (a name, an email)
 * and fewer than 7 or more than 15 digits (E.164's limit) is not a phone number: no key.
 */
export function phoneKey(text: string): string | null {
  const number = text
    .trim()
    .replace(/^sip:([^@]*)@.*$/i, '$1')
    .replace(/^(?:tel|sip|callto):/i, '')
    .replace(/\s*(?:;ext=|ext\.?|x|#)\s*\d{1,6}$/i, '');
  if (/[a-z]/i.test(number)) return null;
  const digits = number.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  return digits.slice(-9);
}
