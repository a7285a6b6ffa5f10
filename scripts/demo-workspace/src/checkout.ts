import { cartTotal, formatCents, type CartLine } from './cart';

// A deliberate mistake to try "Fix with CometAPI" on: put the cursor on the red squiggle and press Ctrl+.
export function checkoutSummary(lines: readonly CartLine[]): string {
  const total: string = cartTotal(lines);
  return `Total: ${formatCents(total)}`;
}
