/**
 * A movement book as plain data, its decimals as their texts: what two books
 * are compared by when one is filled another way (cells against records,
 * one loop against row by row).
 */
import type { MovementBook } from "../../src/engine/movements";

export function plainBook(book: MovementBook) {
  return {
    days: book.days().map((d) => ({ date: d.date, rows: d.rows, groups: d.groups.map((g) => ({ ...g, qty: g.qty.toString(), amount: g.amount.toString() })) })),
    setAside: book.setAside.map((r) => ({ ...r, qty: r.qty.toString(), amount: r.amount?.toString() })),
  };
}
