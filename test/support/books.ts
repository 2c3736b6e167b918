/**
 * A movement book as plain data, its decimals as their texts: what two books
 * are compared by when one is filled another way (cells against records,
 * one loop against row by row).
 */
import type { MovementBook } from "../../src/engine/movements";

export function plainBook(book: MovementBook) {
  return {
    // Field by field: a book's groups and days list their rows when read (a getter, which a spread would not copy).
    days: book.days().map((d) => ({
      date: d.date,
      rows: d.rows,
      groups: d.groups.map((g) => ({ item: g.item, qty: g.qty.toString(), amount: g.amount.toString(), rows: g.rows, rowCount: g.rowCount, repeats: g.repeats })),
    })),
    setAside: book.setAside.map((r) => ({ ...r, qty: r.qty.toString(), amount: r.amount?.toString() })),
  };
}
