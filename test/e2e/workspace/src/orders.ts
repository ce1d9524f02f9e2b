export interface OrderLine {
  sku: string;
  quantity: number;
  unitPrice: number;
}

export class Order {
  constructor(readonly id: string, readonly lines: OrderLine[]) {}

  total(): number {
    return this.lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  }
}

export function applyDiscount(total: number, percent: number): number {
  if (percent < 0 || percent > 100) throw new RangeError(`discount ${percent}% is out of range`);
  return Math.round(total * (100 - percent)) / 100;
}

export function findOrder(orders: Order[], id: string): Order | undefined {
  for (let i = 0; i < orders.length; i++) {
    if (orders[i]!.id == id) return orders[i];
  }
  return undefined;
}
