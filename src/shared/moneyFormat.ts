// How a dollar amount is rounded wherever the chat shows one (under answers, in the header, in both history lists):
// an answer often costs a fraction of a cent, so amounts under a dollar keep two significant digits, larger ones
// show cents. The locale's way of writing money is left to Intl on each side.

export function usdFormatOptions(usd: number): Intl.NumberFormatOptions {
  if (usd === 0) {
    return { style: 'currency', currency: 'USD', maximumFractionDigits: 0 };
  }
  return usd < 1
    ? { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 }
    : { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 };
}
