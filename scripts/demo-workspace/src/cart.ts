export interface CartLine {
  readonly sku: string;
  readonly unitPrice: number;
  readonly quantity: number;
}

/** Total in cents; a discount code takes a percentage off lines over 50.00. */
export function cartTotal(lines: readonly CartLine[], discountPercent = 0): number {
  let total = 0;
  for (const line of lines) {
    const amount = line.unitPrice * line.quantity;
    total += amount > 5000 ? Math.round(amount * (1 - discountPercent / 100)) : amount;
  }
  return total;
}

export function formatCents(cents: number): string {
  return `${(cents / 100).toFixed(2)} EUR`;
}
