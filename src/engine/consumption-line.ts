/**
 * A line of the Consumption sheet as a run makes it: the material quantity
 * and its standard price kept as the exact integers the run worked them out
 * in, the quantity and the value made `Dec`s when first read (a full sheet
 * has tens of thousands of these lines; see posted-line.ts for why).
 */
import type { Dec } from "./money";
import { decOf, roundedDec, times, type Scaled } from "./scaled";
import type { ConsumptionLine } from "./types";

export class FlushedConsumption implements ConsumptionLine {
  private qtyDec?: Dec;
  private valueDec?: Dec;

  /**
   * @param quantity the material's standard quantity for `productQty`, exact
   * @param price the material's standard price, exact (`stdPrice` as scaled units)
   */
  constructor(
    readonly product: string,
    readonly productQty: Dec,
    readonly material: string,
    private readonly quantity: Scaled,
    readonly stdPrice: Dec,
    private readonly price: Scaled,
    private readonly minorUnits: number,
  ) {}

  get materialQty(): Dec {
    return (this.qtyDec ??= decOf(this.quantity));
  }

  /** materialQty × stdPrice, rounded by the rounding rule. */
  get value(): Dec {
    return (this.valueDec ??= roundedDec(times(this.quantity, this.price), this.minorUnits));
  }

  /** The line as a plain object, its fields in the order Consumption lines have always listed them. */
  toJSON(): ConsumptionLine {
    return { product: this.product, productQty: this.productQty, material: this.material, materialQty: this.materialQty, stdPrice: this.stdPrice, value: this.value };
  }
}
