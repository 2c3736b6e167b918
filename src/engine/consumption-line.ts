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
  #materialQty: Dec | undefined;
  #value: Dec | undefined;

  /**
   * @param units the material's standard quantity for `productQty`, exact; or, with `per`, the product's units flushed
   * @param per the material's standard quantity in one unit of the product, exact: `units` × `per` is then the quantity, worked out when first read
   * @param price the material's standard price, exact (`stdPrice` as scaled units)
   */
  constructor(
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
    return (this.#materialQty ??= decOf(this.#quantity()));
  }

  /** materialQty × stdPrice, rounded by the rounding rule. */
  get value(): Dec {
    return (this.#value ??= roundedDec(times(this.#quantity(), this.#price), this.#minorUnits));
  }

  #quantity(): Scaled {
    return this.#per === undefined ? this.#units : times(this.#units, this.#per);
  }

  /** The line as a plain object, its fields in the order of `ConsumptionLine`, which the bench's digest reads it in. */
  toJSON(): ConsumptionLine {
    return { product: this.product, productQty: this.productQty, material: this.material, materialQty: this.materialQty, stdPrice: this.stdPrice, value: this.value };
  }
}
