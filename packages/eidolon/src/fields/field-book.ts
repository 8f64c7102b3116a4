/** Cumulative mass and energy bookkeeping shared by the field backends. */
import type { FieldLedger } from './types.js';

export class FieldBook {
  mass0 = 0;
  energy0 = 0;
  massInjected = 0;
  massDecayed = 0;
  massDropped = 0;
  energyInjected = 0;
  energyDropped = 0;

  reset(mass: number, energy: number): void {
    this.mass0 = mass;
    this.energy0 = energy;
    this.massInjected = 0;
    this.massDecayed = 0;
    this.massDropped = 0;
    this.energyInjected = 0;
    this.energyDropped = 0;
  }

  report(mass: number, energy: number): FieldLedger {
    return {
      mass,
      mass0: this.mass0,
      massInjected: this.massInjected,
      massDecayed: this.massDecayed,
      massDropped: this.massDropped,
      energy,
      energy0: this.energy0,
      energyInjected: this.energyInjected,
      energyDropped: this.energyDropped,
      energyDissipated: this.energy0 + this.energyInjected - this.energyDropped - energy,
    };
  }

  toArray(): number[] {
    return [this.mass0, this.energy0, this.massInjected, this.massDecayed, this.massDropped, this.energyInjected, this.energyDropped];
  }

  fromArray(a: readonly number[]): void {
    [this.mass0, this.energy0, this.massInjected, this.massDecayed, this.massDropped, this.energyInjected, this.energyDropped] = [
      a[0] ?? 0, a[1] ?? 0, a[2] ?? 0, a[3] ?? 0, a[4] ?? 0, a[5] ?? 0, a[6] ?? 0,
    ];
  }
}
