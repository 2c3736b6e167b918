/**
 * A line of the Consumption sheet as a run makes it: the material quantity
 * and its standard price kept as the exact integers the run worked them out
 * in, the quantity and the value made `Dec`s when first read, and kept (a full
 * sheet has tens of thousands of these lines; posted-line.ts says why). A
 * product flushed under one BOM version keeps its units and the material's
 * quantity per unit, and multiplies them when read.
 */
import type { Dec } from "./money";
import { decOf, roundedDec, times, type Scaled } from "./scaled";
import type { ConsumptionLine } from "./types";

export class FlushedConsumption implements ConsumptionLine {
  readonly #units: Scaled;
  readonly #per: Scaled | undefined;
  readonly #price: Scaled;
  readonly #minorUnits: number;
  // Made on first read.
  #quantity: Scaled | undefined;
  #materialQty: Dec | undefined;
  #value: Dec | undefined;

  /** A line whose material quantity is worked out already: `quantity`, exact. */
  static ofQuantity(product: string, productQty: Dec, material: string, quantity: Scaled, stdPrice: Dec, price: Scaled, minorUnits: number): FlushedConsumption {
    return new FlushedConsumption(product, productQty, material, quantity, undefined, stdPrice, price, minorUnits);
  }

  /** A line for `units` of the product, one unit of which takes `per` of the material (both exact): their product is made when first read. */
  static perUnit(product: string, productQty: Dec, material: string, units: Scaled, per: Scaled, stdPrice: Dec, price: Scaled, minorUnits: number): FlushedConsumption {
    return new FlushedConsumption(product, productQty, material, units, per, stdPrice, price, minorUnits);
  }

  /** @param price the material's standard price, exact (`stdPrice` as scaled units) */
  private constructor(
    readonly product: string,
    readonly productQty: Dec,
    readonly material: string,
    units: Scaled,
    per: Scaled | undefined,
    readonly stdPrice: Dec,
    price: Scaled,
    minorUnits: number,
  ) {
    this.#units = units;
    this.#per = per;
    this.#price = price;
    this.#minorUnits = minorUnits;
  }

  get materialQty(): Dec {
    return (this.#materialQty ??= decOf(this.#exactQuantity()));
  }

  /** materialQty × stdPrice, rounded by the rounding rule. */
  get value(): Dec {
    return (this.#value ??= roundedDec(times(this.#exactQuantity(), this.#price), this.#minorUnits));
  }

  /** The line as a plain object, its fields in the order of `ConsumptionLine`, which the bench's digest reads it in. */
  toJSON(): ConsumptionLine {
    return { product: this.product, productQty: this.productQty, material: this.material, materialQty: this.materialQty, stdPrice: this.stdPrice, value: this.value };
  }

  #exactQuantity(): Scaled {
    return (this.#quantity ??= this.#per === undefined ? this.#units : times(this.#units, this.#per));
  }
}
